"""A teacher's own kits: making one, adding sources to it from the public site, ordering them, renewing its link.

Only what the classroom rule (lessons/contents.py) shows may be added: an item anyone may see for classroom use, a
clip of one of its films or recordings that the public may play, or a public exhibit. A clip's times are checked
against the recording's length, so a kit never holds a clip that cannot play.
"""

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from archive.languages import TEXT_LANGUAGES, field_name
from exhibits.models import Exhibit
from media_pipeline.models import Derivative
from exhibits.clips import clip_clock
from oral_histories.timecodes import TimecodeError, parse_timecode

from .contents import PLAYABLE, classroom_files, classroom_items
from .models import Kit, KitSource, new_share_token

PERMISSION = "lessons.build_own_kit"
# Long enough for any recording the archive holds (a day), short enough to catch a typing slip.
LONGEST_CLIP_TIME = Decimal(24 * 3600)


def own_kits(teacher):
    """The kits of one teacher, latest changed first: the only kits a teacher's pages ever look up, so another
    teacher's kit is simply not found."""
    return Kit.objects.filter(owner=teacher).order_by("-updated_at", "-pk")


def clip_time(text, *, label):
    """Seconds (a Decimal) for a time a teacher typed: "75", "1:15", "1:02:03" or "75.5"; None when left empty.
    `label` names the field in the error message ("start", "end")."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > 20:
        raise ValidationError(_("The %(label)s is not a time. Write minutes and seconds such as 1:15, or seconds "
                                "such as 75."), params={"label": label}, code="not_a_time")
    try:
        millis = parse_timecode(text)
    except TimecodeError:
        raise ValidationError(_("The %(label)s is not a time. Write minutes and seconds such as 1:15, or seconds "
                                "such as 75."), params={"label": label}, code="not_a_time") from None
    seconds = Decimal(millis) / 1000
    if seconds > LONGEST_CLIP_TIME:
        raise ValidationError(_("The %(label)s is longer than any recording: write minutes and seconds such as "
                                "1:15."), params={"label": label}, code="too_long")
    return seconds


def recording_length(item):
    """The length in seconds of the longest film or recording of `item` the public may play in a classroom, 0 when
    it has none, None when it has one whose length is not known yet."""
    playable = classroom_files([item.pk]).filter(kind__in=PLAYABLE)
    if not playable.exists():
        return 0
    longest = (Derivative.objects.filter(asset__in=playable, duration__isnull=False)
               .aggregate(longest=Max("duration"))["longest"])
    return Decimal(str(longest)) if longest is not None else None


def check_clip(item, start, end):
    """Refuse clip times that cannot play on `item`: one without the other, an end before the start, an end past
    the recording, or an item with nothing to play."""
    if start is None and end is None:
        return
    if start is None or end is None:
        raise ValidationError(_("A clip needs both a start and an end. Leave both empty to add the whole item."),
                              code="half_a_clip")
    if end <= start:
        raise ValidationError(_("The clip must end after it starts."), code="end_before_start")
    length = recording_length(item)
    if length == 0:
        raise ValidationError(_("This item has no film or recording to make a clip of."), code="nothing_to_play")
    if length is not None and end > length:
        raise ValidationError(
            _("The clip ends after the recording does: the recording is %(length)s long."),
            params={"length": clip_clock(length)}, code="past_the_end")


def addable_item(accession):
    """The item with `accession` if a kit may hold it (the classroom rule), else None."""
    return classroom_items().filter(accession_number=accession).first()


def addable_exhibit(slug):
    return Exhibit.objects.public().filter(slug=slug).first()


def kit_create(*, teacher, title="", language=None, kit=None):
    """A new private kit of `teacher`: `kit` as a form filled it, or one titled `title`. Its own language is
    `language`, else the page's, when the archive writes in it."""
    language = next((code for code in (language, get_language()) if code in TEXT_LANGUAGES), "en")
    if kit is None:
        kit = Kit()
        setattr(kit, field_name("title", language), title)
    kit.owner, kit.slug, kit.status, kit.original_language = (
        teacher, f"own-{secrets.token_hex(8)}", Kit.Status.DRAFT, language)
    kit.save()
    return kit


def kit_add_source(*, kit, item=None, exhibit=None, start=None, end=None):
    """Add an item (whole or a clip from `start` to `end` seconds) or an exhibit at the end of `kit`. The caller
    found them through addable_item/addable_exhibit and checked the clip with check_clip."""
    with transaction.atomic():
        last = kit.sources.aggregate(last=Max("position"))["last"]
        position = 0 if last is None else last + 1
        if exhibit is not None:
            source = KitSource(kit=kit, kind=KitSource.Kind.EXHIBIT, exhibit=exhibit, position=position)
        elif start is not None:
            source = KitSource(kit=kit, kind=KitSource.Kind.CLIP, item=item, clip_start=start, clip_end=end,
                               position=position)
        else:
            source = KitSource(kit=kit, kind=KitSource.Kind.ITEM, item=item, position=position)
        source.full_clean(exclude=["kit"])
        source.save()
        kit.save(update_fields=["updated_at"])
    return source


def kit_move_source(*, source, by):
    """Move `source` `by` places (-1 earlier, +1 later) among its kit's sources, renumbering them all."""
    with transaction.atomic():
        sources = list(source.kit.sources.select_for_update())
        index = next(i for i, other in enumerate(sources) if other.pk == source.pk)
        target = min(max(index + by, 0), len(sources) - 1)
        sources.insert(target, sources.pop(index))
        for position, other in enumerate(sources):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])


def kit_renew_share_link(*, kit):
    """Give `kit` a new share link; the old one stops working at once."""
    kit.share_token = new_share_token()
    kit.save(update_fields=["share_token", "updated_at"])
