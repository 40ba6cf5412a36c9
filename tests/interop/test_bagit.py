"""manage.py export_bag: a BagIt bag that the Library of Congress bagit tool validates, with staff-only data,
originals with Thai and Burmese names, derivatives, transcripts and consent records."""

import csv
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import bagit
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command, load_command_class
from PIL import Image

from archive.models import Agent, Asset, Language, Tradition
from archive.storage import private_storage
from media_pipeline.ingest import asset_ingest
from oral_histories.models import Cue, Transcript
from tests.factories import add_agent, make_child_artwork, make_collection, make_consent, make_item

pytestmark = pytest.mark.django_db

BAGIT_CLI = Path(sys.executable).parent / "bagit.py"
THAI_NAME = "ภาพเรือประมง มหาชัย.jpg"
BURMESE_NAME = "ဆိပ်ကမ်းဓာတ်ပုံ.jpg"


def validate(bag):
    """The bagit tool's own validation, as a preservation repository would run it."""
    return subprocess.run([sys.executable, str(BAGIT_CLI), "--validate", str(bag)], capture_output=True, text=True,
                          timeout=60)


@pytest.fixture
def catalogue(tmp_path, django_capture_on_commit_callbacks):
    jpeg = tmp_path / "source.jpg"
    Image.new("RGB", (64, 48), "teal").save(jpeg)
    harbour = make_collection(slug="harbour")
    photo = make_item(accession_number="MLH-1", title="Boats", title_th="เรือประมง", collection=harbour)
    staff = make_item(accession_number="MLH-2", title="Staff only", access="staff", collection=harbour)
    interview = make_item(accession_number="MLH/3", kind="oral_history", title="Interview")
    make_item(accession_number="MLH-4", title="Not chosen")
    with django_capture_on_commit_callbacks(execute=True):
        asset_ingest(item=photo, source=jpeg, original_name=THAI_NAME)
        asset_ingest(item=staff, source=jpeg, original_name=BURMESE_NAME)
    narrator = Agent.objects.create(display_name="Ma Hla", is_pseudonym=True, private_name="Daw Legal Name")
    add_agent(interview, narrator)
    consent = make_consent(interview, agent=narrator, notes="signed at the union office")
    consent.evidence.save("ใบยินยอม.pdf", ContentFile(b"%PDF-1.4 consent"))
    recording = Asset.objects.create(item=interview, kind=Asset.Kind.AUDIO, original_name="interview.m4a")
    transcript = Transcript.objects.create(recording=recording, language=Language.for_code("mya"), staff_only=True)
    Cue.objects.create(transcript=transcript, start_ms=0, end_ms=2000, text="မင်္ဂလာပါ", speaker="Ma Hla")
    return jpeg


def export(*args):
    out, err = StringIO(), StringIO()
    call_command("export_bag", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_bag_validates_and_holds_everything_about_the_items(tmp_path, catalogue):
    bag_dir = tmp_path / "bag"
    out, err = export(bag_dir, "--item", "MLH/3", "--collection", "harbour")
    assert "3 item(s)" in out and "staff-only" in err

    result = validate(bag_dir)
    assert result.returncode == 0, result.stderr
    bag = bagit.Bag(str(bag_dir))
    assert set(bag.algorithms) == {"sha256", "sha512"}
    assert "staff-only" in bag.info["Internal-Sender-Description"]

    data = bag_dir / "data"
    assert sorted(p.name for p in (data / "items").iterdir()) == ["MLH-1", "MLH-2", "MLH_3"]
    photo = json.loads((data / "items/MLH-1/item.json").read_text(encoding="utf-8"))
    assert photo["title"]["th"] == "เรือประมง"
    [asset] = photo["assets"]
    original = data / "items/MLH-1/assets" / str(asset["id"]) / asset["file"]
    assert original.name == THAI_NAME
    assert original.read_bytes() == catalogue.read_bytes()
    assert asset["derivatives"], "the media pipeline made derivatives of the photograph"
    for derivative in asset["derivatives"]:
        assert (data / "items/MLH-1/assets" / str(asset["id"]) / derivative["file"]).is_file()

    staff = json.loads((data / "items/MLH-2/item.json").read_text(encoding="utf-8"))
    assert staff["access"] == "staff"
    assert (data / "items/MLH-2/assets" / str(staff["assets"][0]["id"]) / "original" / BURMESE_NAME).is_file()

    interview = json.loads((data / "items/MLH_3/item.json").read_text(encoding="utf-8"))
    assert interview["accession_number"] == "MLH/3"
    assert interview["agents"][0]["private_name"] == "Daw Legal Name"
    [consent] = interview["consents"]
    assert consent["notes"] == "signed at the union office"
    assert (data / "items/MLH_3" / consent["evidence"]).read_bytes() == b"%PDF-1.4 consent"
    [recording] = interview["assets"]
    [transcript] = recording["transcripts"]
    assert transcript["staff_only"] is True
    vtt = (data / "items/MLH_3/assets" / str(recording["id"]) / transcript["file"]).read_text(encoding="utf-8")
    assert "<v Ma Hla>မင်္ဂလာပါ" in vtt

    with open(data / "metadata/catalogue.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert sorted(row["accession_number"] for row in rows) == ["MLH-1", "MLH-2", "MLH/3"]
    assert THAI_NAME in next(row for row in rows if row["accession_number"] == "MLH-1")["media_files"]

    manifest = (bag_dir / "manifest-sha512.txt").read_text(encoding="utf-8")
    assert THAI_NAME in manifest and BURMESE_NAME in manifest


def test_a_tampered_file_fails_validation(tmp_path, catalogue):
    bag_dir = tmp_path / "bag"
    export(bag_dir, "--item", "MLH-1")
    [original] = (bag_dir / "data/items/MLH-1/assets").glob(f"*/original/{THAI_NAME}")
    tampered = bytearray(original.read_bytes())
    tampered[-3] ^= 0xFF  # same size, so only the checksums can tell
    original.write_bytes(bytes(tampered))

    result = validate(bag_dir)
    assert result.returncode != 0
    assert THAI_NAME in result.stderr
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(bag_dir)).validate()


def test_without_a_choice_every_item_is_bagged(tmp_path, catalogue):
    bag_dir = tmp_path / "everything"
    export(bag_dir)
    assert validate(bag_dir).returncode == 0
    assert len(list((bag_dir / "data/items").iterdir())) == 4


@pytest.mark.parametrize("args, message", [
    (["--item", "MLH-1", "NOPE-9"], "NOPE-9"),
    (["--collection", "no-such"], "no-such"),
    (["--collection", "empty"], "no items"),
])
def test_a_wrong_choice_is_refused_and_nothing_is_written(tmp_path, catalogue, args, message):
    make_collection(slug="empty")
    bag_dir = tmp_path / "bag"
    with pytest.raises(CommandError, match=message):
        export(bag_dir, *args)
    assert not bag_dir.exists()


def test_a_folder_in_use_is_refused_and_left_alone(tmp_path, catalogue):
    bag_dir = tmp_path / "in-use"
    bag_dir.mkdir()
    (bag_dir / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="not an empty folder"):
        export(bag_dir, "--item", "MLH-1")
    assert [p.name for p in bag_dir.iterdir()] == ["keep.txt"]


def test_the_help_warns_about_staff_only_data():
    parser = load_command_class("interop", "export_bag").create_parser("manage.py", "export_bag")
    text = " ".join(parser.format_help().split()).replace("staff- only", "staff-only")  # argparse wraps at "-"
    assert "WARNING: Contains staff-only data" in text and "never for publication" in text


def test_a_missing_original_stops_the_bag_with_its_name_and_leaves_nothing(tmp_path, catalogue, settings):
    asset = Asset.objects.get(original_name=THAI_NAME)
    private_storage.delete(asset.original.name)
    bag_dir = tmp_path / "bag"
    with pytest.raises(CommandError, match=f"“{THAI_NAME}” of MLH-1 is missing"):
        export(bag_dir, "--collection", "harbour")
    assert not bag_dir.exists()


def test_the_bag_keeps_a_childs_work_with_the_minors_details_and_the_guardians_consent(tmp_path):
    drawing = make_child_artwork(accession_number="ART-1", tradition=Tradition.objects.get(slug="shan"))
    drawing.assets.all().delete()  # its files are another test's business: this one is about the record
    bag_dir = tmp_path / "bag"
    export(bag_dir, "--item", "ART-1")
    record = json.loads((bag_dir / "data/items/ART-1/item.json").read_text(encoding="utf-8"))
    [child] = record["agents"]
    assert (child["is_minor"], child["birth_year"], child["minor_public_name"]) == (True, 2014, "ဖြိုး")
    assert record["work"]["medium"]["th"] == "สีเทียน" and record["work"]["tradition"] == "shan"
    assert record["work"]["dimensions"] == drawing.dimensions
    [consent] = record["consents"]
    assert consent["by_guardian"] is True and consent["covers_pictures_in_lists"] is False
