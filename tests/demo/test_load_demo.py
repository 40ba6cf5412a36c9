import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from archive.models import Agent, Asset, ChangeRecord, ConsentRecord, Item, Place, Subject
from exhibits.models import Block, Exhibit
from tests.test_settings import run_django

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count()
            for model in (Item, Asset, Agent, Place, Subject, ConsentRecord, ChangeRecord, get_user_model(), Exhibit,
                          Block)}


def test_load_demo_is_idempotent_labelled_and_public(client, settings):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")

    assert counts() == first
    assert 8 <= first["Item"] <= 15
    demo = Item.objects.all()
    assert all(item.accession_number.startswith("DEMO-") for item in demo)
    assert all("Sample" in item.title and "Sample record" in item.description for item in demo)
    assert all(item.provenance.startswith("Sample record") for item in demo)
    assert all("fictional" in agent.display_name for agent in Agent.objects.all())
    for language in ("th", "my", "km", "lo"):
        assert all(getattr(item, f"title_{language}") for item in demo)
    kinds = {asset.item.kind: asset.mime_type for asset in Asset.objects.select_related("item")}
    assert kinds["photograph"] == "image/jpeg" and kinds["film"] == "video/mp4"
    assert kinds["oral_history"].startswith("audio/") or kinds["oral_history"] == "text/vtt"
    assert Asset.objects.filter(original_name="ตัวอย่าง-ตากอวน.jpg").exists()

    public = Item.objects.public()
    assert public.count() >= 6
    assert set(public.filter(kind="oral_history").values_list("accession_number", flat=True)) == {
        "DEMO-0001", "DEMO-0006", "DEMO-0012"}
    assert not public.filter(accession_number__in=["DEMO-0008", "DEMO-0009", "DEMO-0010", "DEMO-0011"]).exists()
    assert client.get("/th/items/DEMO-0001/").status_code == 200
    assert client.get("/items/DEMO-0009/").status_code == 404
    assert first["Exhibit"] == 2 and Exhibit.objects.public().count() == 2
    assert client.get("/my/exhibits/working-lives/").status_code == 200

    curator = get_user_model().objects.get(username="demo-curator")
    assert curator.is_staff and curator.is_superuser and curator.check_password("demo-curator")


def test_a_deleted_demo_curator_stays_deleted(settings):
    call_command("load_demo")
    get_user_model().objects.get(username="demo-curator").delete()
    items = Item.objects.count()

    call_command("load_demo")

    assert not get_user_model().objects.filter(username="demo-curator").exists()
    assert Item.objects.count() == items


def test_load_demo_refuses_when_the_settings_turn_demo_content_off(settings):
    settings.ARCHIVE_DEMO_CONTENT = False
    with pytest.raises(CommandError, match="refuses to run here"):
        call_command("load_demo")
    assert get_user_model().objects.count() == 0 and Item.objects.count() == 0


COUNT_ACCOUNTS_AND_ITEMS = (
    "import django; django.setup(); from django.contrib.auth.models import User; from archive.models import Item; "
    "print(User.objects.count(), Item.objects.count())"
)


@pytest.mark.django_db(False)
def test_load_demo_refuses_under_production_settings_and_creates_no_account(tmp_path):
    production = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "ARCHIVE_VAR_DIR": str(tmp_path / "var"),
                  "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k2Vd8" * 10,
                  "DJANGO_ALLOWED_HOSTS": "archive.example.org"}
    assert run_django(["manage.py", "migrate", "--noinput"], **production).returncode == 0

    result = run_django(["manage.py", "load_demo"], **production)

    assert result.returncode != 0
    assert "load_demo refuses to run here: these settings are for production" in result.stderr
    assert run_django(COUNT_ACCOUNTS_AND_ITEMS, **production).stdout.split() == ["0", "0"]


def test_the_demo_has_a_sample_artwork_song_and_performance_in_an_exhibit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the media pipeline makes the players' files
        call_command("load_demo")
    art, song, dance = (Item.objects.get(accession_number=f"DEMO-00{n}") for n in (13, 14, 15))
    assert (art.kind, song.kind, dance.kind) == ("artwork", "music", "performance")
    assert all(item.title.startswith("Sample") for item in (art, song, dance))
    assert art.medium_th == "สีอะคริลิก" and song.tradition.slug == "karen" and dance.tradition.slug == "burmese"
    kinds = {asset.item.accession_number: asset.mime_type for asset in Asset.objects.select_related("item")}
    assert kinds["DEMO-0013"] == "image/jpeg" and kinds["DEMO-0014"].startswith("audio/")
    assert kinds["DEMO-0015"] == "video/mp4"
    child = Agent.objects.get(display_name="Sample Child Dancer (fictional)")
    assert child.is_minor and dance.is_public()  # the sample guardian's consent opens it
    page = client.get("/th/exhibits/working-lives/").content.decode()
    assert "ตัวอย่าง: ศิลปะของพวกเขา" in page and "สีอะคริลิก" in page
    assert "ตัวอย่าง: เพลงและการแสดง" in page and "<video" in page and "<audio" in page
    assert "Sample Child Dancer (fictional)" in page  # a pseudonym: shown as it is


def test_the_demo_caption_file_is_a_subtitle_track_of_its_recording(client):
    from media_pipeline.jobs import media_job_run
    from media_pipeline.models import MediaJob

    call_command("load_demo")
    for job in MediaJob.objects.filter(asset__item__accession_number="DEMO-0001"):
        media_job_run(job_id=job.pk)  # as a worker would, for this item's recording and caption file only
    captions = Asset.objects.get(item__accession_number="DEMO-0001", kind=Asset.Kind.CAPTION)
    html = client.get("/items/DEMO-0001/").content.decode()
    audio = html.split("<audio", 1)[1].split("</audio>", 1)[0]
    src = captions.derivatives.get(role="captions").url
    assert f'<track kind="subtitles" src="{src}" srclang="en" label="English" default>' in audio
    body = b"".join(client.get(src).streaming_content).decode()
    assert "[Sample captions: this recording is a generated tone]" in body


def test_the_demo_places_have_coordinates_so_its_map_draws_pins(client):
    from archive.models import Place

    call_command("load_demo")
    assert not Place.objects.filter(latitude__isnull=True).exists()
    Place.objects.filter(name="Ranong").update(latitude=10, longitude=98.5)  # a curator's own position
    call_command("load_demo")
    assert Place.objects.get(name="Ranong").latitude == 10
    html = client.get("/th/exhibits/working-lives/").content.decode()
    svg = html.split('<svg class="map"', 1)[1].split("</svg>", 1)[0]
    assert svg.count('class="pin"') >= 5 and '<image href="/static/maps/mainland-southeast-asia.svg"' in svg
    assert "แม่สอด" in svg or "ตาก" in svg or "Mae Sot" in svg
