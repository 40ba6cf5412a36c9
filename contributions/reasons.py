"""The media pipeline's reasons for refusing a file, in the contributor's language.

The pipeline writes its reasons in English for curators (media_pipeline/sniff.py, ingest.py); a contributor reads
the same reason, translated here. Technical detail in brackets (a decoder's complaint) is left out of the
translation; curators still see it in the admin. A reason not listed here is shown in English after a translated
sentence saying the file was refused.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

REASONS = [
    (r"^This is an? (?P<what>HTML|SVG) document, not a photo or video",
     gettext_lazy("This is a %(what)s document, not a photo or video. Such files can carry scripts, so the archive "
                  "refuses them, whatever the file is called.")),
    (r"^The file is truncated or damaged",
     gettext_lazy("The file is cut short or damaged: it cannot be played to its end. Please send the file again, "
                  "whole.")),
    (r"^The file is empty", gettext_lazy("The file is empty.")),
    (r"^This file is not an image, video, audio or caption file",
     gettext_lazy("This is not a photo, video, sound or subtitle file that the archive accepts, or it is damaged.")),
    (r"^Files of type “(?P<what>[^”]*)” are not accepted", gettext_lazy("Files of type “%(what)s” are not accepted.")),
    (r"^The file holds neither sound nor pictures", gettext_lazy("The file holds neither sound nor pictures.")),
    (r"^The image is damaged or truncated", gettext_lazy("The picture is damaged or cut short and cannot be read.")),
    (r"^This is a text file but not SRT or WebVTT",
     gettext_lazy("This is a text file but not SRT or WebVTT subtitles.")),
    (r"^This is an HLS playlist|^This is an ffmpeg concat list",
     gettext_lazy("This is a list of other files, not a video.")),
    (r"^The file is (?P<size>[\d,]+) MiB \(or more\); the archive accepts files up to (?P<limit>[\d,]+) MiB",
     gettext_lazy("The file is %(size)s MiB; the archive accepts files up to %(limit)s MiB.")),
    (r"^Only (?P<got>\d+) of the (?P<length>\d+) bytes of the file arrived",
     gettext_lazy("Only %(got)s of the %(length)s bytes of the file arrived. Please send it again.")),
    (r"^The file that arrived is not the file that was sent",
     gettext_lazy("The file that arrived is not the file that was sent. Please send it again.")),
]
COMPILED = [(re.compile(pattern), message) for pattern, message in REASONS]


def reason_for_contributor(reason: str) -> str:
    """`reason` (the pipeline's English words) in the active language."""
    for pattern, message in COMPILED:
        match = pattern.search(reason)
        if match:
            return str(message) % match.groupdict() if match.groupdict() else str(message)
    return _("The archive cannot accept this file: %(reason)s") % {"reason": reason}
