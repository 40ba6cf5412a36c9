"""Who may read transcripts and segment indexes. Built on archive's one policy, never beside it.

A transcript or segment is visible when its item is visible (Item.objects.visible_to) and it is not marked
staff only. It follows the item, not the recording: a withheld recording (Asset.withheld) keeps its transcript
and index readable, while the file itself stays behind Asset.objects.visible_to.

A text marked staff only needs the permission the admin asks before showing it (`oral_histories.view_transcript`
or `oral_histories.view_segment`, or the change permission); staff status alone shows nothing more.
"""

from django.apps import apps

from archive.access import may_view
from archive.history import RecordedQuerySet


def _visible_items(user, use, today):
    return apps.get_model("archive", "Item").objects.visible_to(user, use=use, today=today)


class RecordingTextQuerySet(RecordedQuerySet):
    """Shared by transcripts and segments: both hang off a recording and carry a staff_only flag."""

    def visible_to(self, user, *, use="public_web", today=None):
        texts = self.all()
        if not may_view(user, "archive.item"):
            texts = texts.filter(recording__item__in=_visible_items(user, use, today))
        if not may_view(user, self.model._meta.label_lower):
            texts = texts.filter(staff_only=False)
        return texts

    def public(self, *, use="public_web", today=None):
        return self.visible_to(None, use=use, today=today)

    def of_item(self, item):
        return self.filter(recording__item=item)


class TranscriptQuerySet(RecordingTextQuerySet):
    pass


class SegmentQuerySet(RecordingTextQuerySet):
    pass


class CueQuerySet(RecordedQuerySet):
    """A line of a transcript is exactly as visible as its transcript."""

    def visible_to(self, user, *, use="public_web", today=None):
        transcripts = apps.get_model("oral_histories", "Transcript").objects.visible_to(user, use=use, today=today)
        return self.filter(transcript__in=transcripts)

    def public(self, *, use="public_web", today=None):
        return self.visible_to(None, use=use, today=today)
