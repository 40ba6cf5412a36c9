"""Caption files made from transcripts, behind the access policy."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from .models import Transcript
from .services import transcript_webvtt


@require_GET
def transcript_vtt(request, pk):
    transcript = Transcript.objects.visible_to(request.user).filter(pk=pk).first()
    if transcript is None:
        raise Http404("No such transcript")
    response = HttpResponse(transcript_webvtt(transcript=transcript), content_type="text/vtt; charset=utf-8")
    public = Transcript.objects.public().filter(pk=pk).exists()
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    response["Content-Language"] = transcript.html_lang()
    return response
