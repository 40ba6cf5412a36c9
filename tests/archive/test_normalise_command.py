"""`manage.py normalise_text` reports catalogue text that is not in the normal form, and repairs it with
--repair: for collections imported or typed before normalisation existed."""

import pytest
from django.core.management import call_command

from archive.models import Agent, ChangeRecord, Item, Place
from exhibits.models import Block, Exhibit
from oral_histories.models import Cue, Segment
from oral_histories.services import transcript_import
from tests.factories import make_item
from tests.factories import make_oral_history, make_recording

pytestmark = pytest.mark.django_db

# Zawgyi for ရေလုပ်သား (a fishing-boat worker).
ZAWGYI_FISHER = "\u1031\u101b\u101c\u102f\u1015\u1039\u101e\u102c\u1038"
DECOMPOSED_WORK = "ท\u0e4dางาน"  # ทำงาน, to work, with nikhahit + sara aa


def run(*args, capsys):
    call_command("normalise_text", *args)
    return capsys.readouterr().out.splitlines()


@pytest.fixture
def old_catalogue():
    """Records saved as they came, the way an archive imported before normalisation holds them."""
    item = make_item(accession_number="OLD-1", title="Boat", title_my=ZAWGYI_FISHER,
                     description_th=f"พ่อ{DECOMPOSED_WORK}บนเรือ")
    agent = Agent.objects.create(display_name=f"นาย{DECOMPOSED_WORK}")
    place = Place.objects.create(name="Phnom Penh", name_km="កម្មករស្រ្តី")
    exhibit = Exhibit.objects.create(slug=f"การ{DECOMPOSED_WORK}", title="Work", title_th=f"การ{DECOMPOSED_WORK}")
    block = Block.objects.create(exhibit=exhibit, kind="text", position=1, body_my=ZAWGYI_FISHER)
    oral_history = make_oral_history(accession_number="OH-1", title="Interview")
    recording = make_recording(oral_history)
    transcript = transcript_import(item=oral_history, language="tha", text="[00:00:01] สวัสดี\n")
    cue = transcript.cues.get()
    Cue.objects.filter(pk=cue.pk).update(text=f"ผม{DECOMPOSED_WORK}")  # as stored before
    segment = Segment.objects.create(recording=recording, start_ms=0, end_ms=1000, title="Start",
                                     title_my="\u1031 x")  # may be Zawgyi: never repaired
    clean = make_item(accession_number="NEW-1", title="Clean", title_th="ทำงาน", title_my="ရေလုပ်သား")
    return {"item": item, "agent": agent, "place": place, "exhibit": exhibit, "block": block, "cue": cue,
            "segment": segment, "clean": clean}


def test_the_report_lists_every_field_and_changes_nothing(old_catalogue, capsys):
    lines = run(capsys=capsys)
    item = old_catalogue["item"]
    assert f"archive.item {item.pk} title_my: Burmese in Zawgyi, converted to Unicode" in lines
    assert f"archive.item {item.pk} description_th: sara am typed as nikhahit and sara aa" in lines
    assert f"archive.agent {old_catalogue['agent'].pk} display_name: sara am typed as nikhahit and sara aa" in lines
    assert f"archive.place {old_catalogue['place'].pk} name_km: Khmer subscripts or vowels out of order" in lines
    assert f"exhibits.block {old_catalogue['block'].pk} body_my: Burmese in Zawgyi, converted to Unicode" in lines
    assert f"oral_histories.cue {old_catalogue['cue'].pk} text: sara am typed as nikhahit and sara aa" in lines
    assert (f"oral_histories.segment {old_catalogue['segment'].pk} title_my: Burmese that may be Zawgyi, left as "
            "typed (check it by hand)") in lines
    assert not [line for line in lines if f"archive.item {old_catalogue['clean'].pk} " in line]
    assert lines[-1] == ("9 field(s) in 7 record(s) are not in the normal form; run with --repair to save the "
                         "normal form.")
    assert Item.objects.get(pk=item.pk).title_my == ZAWGYI_FISHER


def test_repair_saves_the_normal_form_and_records_it_in_the_history(old_catalogue, capsys):
    lines = run("--repair", capsys=capsys)
    exhibit, segment = old_catalogue["exhibit"], old_catalogue["segment"]
    assert lines[-1] == "9 field(s) in 7 record(s) are not in the normal form; 7 repaired."
    assert f"exhibits.exhibit {exhibit.pk} slug: not repaired, check it by hand" in lines
    assert f"oral_histories.segment {segment.pk} title_my: not repaired, check it by hand" in lines

    item = Item.objects.get(pk=old_catalogue["item"].pk)
    assert (item.title_my, item.description_th) == ("ရေလုပ်သား", "พ่อทำงานบนเรือ")
    assert Agent.objects.get(pk=old_catalogue["agent"].pk).display_name == "นายทำงาน"
    assert Place.objects.get(pk=old_catalogue["place"].pk).name_km == "កម្មករស្ត្រី"
    exhibit.refresh_from_db()
    assert (exhibit.title_th, exhibit.slug) == ("การทำงาน", f"การ{DECOMPOSED_WORK}")
    assert Block.objects.get(pk=old_catalogue["block"].pk).body_my == "ရေလုပ်သား"
    assert Cue.objects.get(pk=old_catalogue["cue"].pk).text == "ผมทำงาน"
    assert Segment.objects.get(pk=segment.pk).title_my == "\u1031 x"
    change = ChangeRecord.objects.get(model="archive.item", field="title_my", action="update")
    assert (change.old_value, change.new_value, change.source) == (ZAWGYI_FISHER, "ရေလုပ်သား", "normalise")

    again = run(capsys=capsys)
    assert again[-1] == "2 field(s) in 2 record(s) are not in the normal form; run with --repair to save the normal form."


def test_a_normal_catalogue_reports_nothing(capsys):
    make_item(title="Boat", title_th="ทำงาน", title_my="ရေလုပ်သား", title_km="កម្មករស្ត្រី")
    assert run("--repair", capsys=capsys) == ["0 field(s) in 0 record(s) are not in the normal form; 0 repaired."]


def test_a_unique_name_whose_normal_form_is_taken_is_left_for_a_curator(capsys):
    Agent.objects.create(display_name="นายทำงาน")
    twin = Agent.objects.create(display_name=f"นาย{DECOMPOSED_WORK}")
    lines = run("--repair", capsys=capsys)
    assert f"archive.agent {twin.pk} display_name: not repaired, check it by hand" in lines
    assert lines[-1] == "1 field(s) in 1 record(s) are not in the normal form; 0 repaired."
    assert Agent.objects.get(pk=twin.pk).display_name == f"นาย{DECOMPOSED_WORK}"
