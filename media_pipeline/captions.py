"""Captions: SRT and WebVTT in whatever encoding they came in, normalised to UTF-8 WebVTT.

Reading and writing are media_pipeline.timed_text's; what captions add is that their cues may overlap, keep
WebVTT's own inline tags (<i>, <b>, <v Speaker>) and keep their cue settings (align:start).
"""

from pathlib import Path

from .errors import MediaError
from .outputs import Output
from .timed_text import TimedTextError, WebVTTCue, parse_timed_text, write_webvtt


def captions_vtt(source, out_dir, on_progress=None):
    try:
        parsed = parse_timed_text(Path(source).read_bytes(), overlaps=True)
    except TimedTextError as error:
        raise MediaError(f"The captions file cannot be used: {error}.") from None
    vtt = write_webvtt(WebVTTCue(cue.start_ms, cue.end_ms, cue.payload, cue.settings) for cue in parsed.cues)
    (Path(out_dir) / "captions.vtt").write_text(vtt, encoding="utf-8")
    return [Output("captions.vtt", "captions", "text/vtt")]
