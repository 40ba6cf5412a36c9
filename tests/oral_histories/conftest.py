import pytest

from archive.models import Asset
from tests.factories import make_consent, make_item


def make_oral_history(**fields):
    """A published oral history with a narrator's standing consent: public unless the fields say otherwise."""
    item = make_item(**{"kind": "oral_history", **fields})
    make_consent(item)
    return item


def make_recording(item, *, kind=Asset.Kind.AUDIO, position=0, **fields):
    return Asset.objects.create(item=item, kind=kind, position=position, original_name="interview.m4a", **fields)


def attach_audio(recording):
    """The derivative the media pipeline writes for a recording, so the item page has a player for it."""
    from media_pipeline.models import Derivative

    return Derivative.objects.create(asset=recording, profile="audio", profile_version=1, role="audio",
                                     path=f"derivatives/{recording.pk}/audio.m4a", mime_type="audio/mp4")


@pytest.fixture
def oral_history(db):
    item = make_oral_history(title="Life on the boats", title_th="ชีวิตบนเรือ", original_language="th")
    make_recording(item)
    return item
