import pytest
from PIL import Image

from media_pipeline.ingest import asset_ingest

from . import media


@pytest.fixture(scope="session")
def sources(tmp_path_factory):
    """Generated source files, made once per session and copied by each ingest."""
    root = tmp_path_factory.mktemp("media-sources")
    made = {}

    def get(name, builder):
        if name not in made:
            made[name] = builder(root / name)
        return made[name]

    return get

@pytest.fixture
def cover(tmp_path):
    path = tmp_path / "cover.jpg"
    Image.new("RGB", (300, 300), "orange").save(path)
    return path


@pytest.fixture
def ingest_photo_and_film(sources, django_capture_on_commit_callbacks):
    """Ingests a photograph and a film (HLS segments included) into the items given, derivatives made."""

    def ingest(photo_item, film_item):
        with django_capture_on_commit_callbacks(execute=True):
            photo = asset_ingest(item=photo_item, source=sources("sample-jpeg", media.make_jpeg),
                                 original_name="แม่ค้า.jpg")
            film = asset_ingest(item=film_item, source=sources("sample-mp4", lambda p: media.make_video(
                p, extra=["-f", "mp4"])), original_name="ທ່າເຮືອ.mp4")
        return photo, film

    return ingest
