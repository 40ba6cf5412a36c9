"""Caption files made from transcripts, behind the access policy."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from media_pipeline.timed_text import WebVTTCue, speech_payload, write_webvtt

from .models import Transcript


@require_GET
def transcript_vtt(request, pk):
    transcript = Transcript.objects.visible_to(request.user).filter(pk=pk).first()
    if transcript is None:
        raise Http404("No such transcript")
    cues = (WebVTTCue(cue.start_ms, cue.end_ms, speech_payload(cue.text, cue.speaker))
            for cue in transcript.cues.order_by("start_ms", "pk"))
    response = HttpResponse(write_webvtt(cues), content_type="text/vtt; charset=utf-8")
    public = Transcript.objects.public().filter(pk=pk).exists()
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    response["Content-Language"] = transcript.html_lang()
    return response
