import subprocess
from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Agent, ChangeRecord, ConsentRecord, Item, Language
from tests.archive.admin_forms import form_data
from tests.factories import (
    add_agent,
    admin_import_check,
    admin_import_confirm,
    make_collection,
    make_item,
    make_place,
    make_subject,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/archive/item/"


def listed(response):
    return sorted(item.accession_number for item in response.context["cl"].result_list)


def test_changelist_filters(curator):
    collection = make_collection(slug="boats")
    make_item(accession_number="A", kind="film", status="draft", access="staff", date="1995~", collection=collection)
    make_item(accession_number="B", kind="photograph", date="1990/1999").languages.add(Language.for_code("mya"))
    make_item(accession_number="C", kind="photograph", status="in_review", date="2003-05")
    make_item(accession_number="D", kind="document")

    assert listed(curator.get(CHANGELIST, {"kind": "photograph"})) == ["B", "C"]
    assert listed(curator.get(CHANGELIST, {"status": "draft"})) == ["A"]
    assert listed(curator.get(CHANGELIST, {"access": "staff"})) == ["A"]
    assert listed(curator.get(CHANGELIST, {"languages__code__exact": "mya"})) == ["B"]
    assert listed(curator.get(CHANGELIST, {"collection__id__exact": collection.pk})) == ["A"]
    response = curator.get(CHANGELIST, {"decade": "1990"})
    assert listed(response) == ["A", "B"]
    assert "1990s" in response.content.decode() and "2000s" in response.content.decode()
    assert listed(curator.get(CHANGELIST, {"decade": "2000"})) == ["C"]
    assert listed(curator.get(CHANGELIST, {"decade": "undated"})) == ["D"]


@pytest.mark.parametrize(("query", "found"), [
    ("เรือประมง", ["TH-1"]),
    ("ငါးဖမ်း", ["MY-1"]),
    ("ទូក", ["KM-1"]),
    ("ເຮືອ", ["LO-1"]),
    ("my-1", ["MY-1"]),
    ("net", ["MY-1"]),
])
def test_search_by_accession_number_and_title_in_any_script(curator, query, found):
    make_item(accession_number="TH-1", title="Boat", title_th="เรือประมงลำเล็ก")
    make_item(accession_number="MY-1", title="Nets", title_my="ငါးဖမ်းပိုက်ကွန်")
    make_item(accession_number="KM-1", title="Canoe", title_km="ទូកតូច")
    make_item(accession_number="LO-1", title="Raft", title_lo="ເຮືອນ້ອຍ")
    assert listed(curator.get(CHANGELIST, {"q": query})) == found


def run_action(client, action, items, **extra):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [i.pk for i in items], "index": 0,
                                    **extra}, follow=True)


def test_bulk_publish_and_review_record_who_did_it(curator, staff_user):
    first, second = make_item(status="draft"), make_item(status="draft", kind="oral_history")

    response = run_action(curator, "publish", [first, second])

    assert {i.status for i in Item.objects.all()} == {"published"}
    text = response.content.decode()
    assert "2 item(s) published." in text
    assert "1 selected item is still not on the public site" in text  # the oral history has no consent
    change = ChangeRecord.objects.get(object_id=str(first.pk), field="status")
    assert (change.old_value, change.new_value, change.user, change.source) == ("draft", "published", staff_user,
                                                                                "admin")
    run_action(curator, "send_to_review", [first])
    first.refresh_from_db()
    assert first.status == "in_review"


@pytest.mark.parametrize(("action", "access"), [
    ("set_access_public", "public"), ("set_access_registered", "registered"), ("set_access_staff", "staff")])
def test_bulk_set_access(curator, action, access):
    items = [make_item(access="embargoed", embargo_until=date(2030, 1, 1)), make_item(access="public" if
                                                                                     access != "public" else "staff")]
    run_action(curator, action, items)
    assert {(i.access, i.embargo_until) for i in Item.objects.all()} == {(access, None)}
    assert ChangeRecord.objects.filter(field="access", new_value=access, source="admin").count() == 2


def test_bulk_embargo_asks_for_the_date_first(curator):
    items = [make_item(accession_number="EMB-1"), make_item()]
    page = run_action(curator, "embargo", items)
    assert page.templates[0].name == "admin/archive/item/embargo.html"
    assert "EMB-1" in page.content.decode()
    assert set(Item.objects.values_list("access", flat=True)) == {"public"}

    bad = run_action(curator, "embargo", items, apply="1", until="next year")
    assert "Enter a valid date" in bad.content.decode()

    done = run_action(curator, "embargo", items, apply="1", until="2031-03-15")
    assert "2 item(s) embargoed." in done.content.decode()
    assert set(Item.objects.values_list("access", "embargo_until")) == {("embargoed", date(2031, 3, 15))}


def test_add_item_with_inlines_records_the_history_of_every_list(curator, staff_user):
    place = make_place("Thailand > Samut Sakhon")
    narrator = Agent.objects.create(display_name="Ko Min (pseudonym)")
    subject = make_subject(slug="fishing")
    shan = Language.for_code("shn")
    page = curator.get("/admin/archive/item/add/")
    data = form_data(page, "item_form")
    data.update({
        "accession_number": "MLA-2026-001", "kind": "oral_history", "status": "draft", "original_language": "th",
        "title": "Working on the boats", "title_th": "ชีวิตบนเรือประมง", "title_my": "ငါးဖမ်းလှေပေါ်က ဘဝ",
        "rights": Item.Rights.NOT_EVALUATED, "access": "public", "tags": "boats, ประมง",
        "subjects": [subject.pk], "languages": [shan.pk],
        "item_agents-0-role": "narrator", "item_agents-0-agent": narrator.pk, "item_agents-0-position": "0",
        "places": [place.pk],
        "consents-TOTAL_FORMS": "1", "consents-0-agent": narrator.pk, "consents-0-public_web": "on",
        "consents-0-given_on": "2026-11-01",
        "consents-0-evidence": SimpleUploadedFile("ใบยินยอม.pdf", b"%PDF-1.4 signed form"),
    })

    response = curator.post("/admin/archive/item/add/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    item = Item.objects.get(accession_number="MLA-2026-001")
    assert item.title_th == "ชีวิตบนเรือประมง" and sorted(item.tags.names()) == ["boats", "ประมง"]
    consent = ConsentRecord.objects.get(item=item)
    assert consent.public_web and not consent.exhibits and consent.evidence.name.startswith("consent/")
    assert consent.evidence.name.endswith(".pdf") and "ใบ" not in consent.evidence.name
    assert consent.evidence.read() == b"%PDF-1.4 signed form"
    changes = {c.field: c for c in ChangeRecord.objects.filter(model="archive.item", object_id=str(item.pk))}
    assert changes[""].action == "create" and changes[""].source == "admin" and changes[""].user == staff_user
    assert changes["places"].new_value == "Thailand > Samut Sakhon"
    assert changes["agents"].new_value == "narrator: Ko Min (pseudonym)"
    assert changes["subjects"].new_value == "fishing"
    assert changes["tags"].new_value == "boats; ประมง"
    assert changes["languages"].new_value == "shn"
    assert ChangeRecord.objects.filter(model="archive.consentrecord", action="create", source="admin").exists()

    # Editing a list later records the value before.
    page = curator.get(f"/admin/archive/item/{item.pk}/change/")
    assert consent.evidence.name in page.content.decode() and "(private, staff only)" in page.content.decode()
    data = form_data(page, "item_form")
    data.pop("places")
    data["tags"] = "boats"
    assert curator.post(f"/admin/archive/item/{item.pk}/change/", data).status_code == 302
    latest = ChangeRecord.objects.filter(field="places").order_by("-pk").first()
    assert (latest.old_value, latest.new_value) == ("Thailand > Samut Sakhon", "")
    assert ChangeRecord.objects.filter(field="tags").order_by("-pk").first().old_value == "boats; ประมง"


def test_change_form_shows_five_languages_side_by_side_and_tag_suggestions(curator):
    item = make_item(title_th="เรือ", title_my="လှေ")
    item.tags.add("แรงงานข้ามชาติ")
    html = curator.get(f"/admin/archive/item/{item.pk}/change/").content.decode()
    assert 'class="module aligned five-languages"' in html
    assert 'lang="th"' in html and 'lang="my"' in html and 'lang="km"' in html and 'lang="lo"' in html
    assert '<option value="แรงงานข้ามชาติ">' in html and "data-tag-complete" in html
    assert "/static/js/admin-tags.js" in html and "/static/css/admin.css" in html
    assert f'href="/admin/archive/item/{item.pk}/history/"' in html


def test_tag_autocomplete_finds_thai_tags(curator):
    make_item().tags.add("แรงงานข้ามชาติ", "boats")
    response = curator.get(reverse("admin:autocomplete"), {"app_label": "archive", "model_name": "item",
                                                           "field_name": "tags", "term": "แรงงาน"})
    assert [result["text"] for result in response.json()["results"]] == ["แรงงานข้ามชาติ"]


def test_history_is_read_only_and_reached_from_the_item(curator):
    item = make_item()
    item.title = "Renamed"
    item.save()
    history = curator.get(f"/admin/archive/item/{item.pk}/history/")
    assert history.status_code == 200
    assert [row.change.object_id for row in history.context["rows"]] == [str(item.pk)] * 2
    assert [row.what for row in history.context["rows"]] == ["title (English)", ""]
    change = ChangeRecord.objects.get(object_id=str(item.pk), action="create")
    assert curator.get("/admin/archive/changerecord/add/").status_code == 403
    view = curator.get(f"/admin/archive/changerecord/{change.pk}/change/")
    assert view.status_code == 200 and 'name="_save"' not in view.content.decode()
    assert curator.post(f"/admin/archive/changerecord/{change.pk}/delete/").status_code == 403


def test_agent_private_details_are_labelled_staff_only(curator):
    agent = Agent.objects.create(display_name="Ma Aye", private_name="Real Name", is_pseudonym=True)
    html = curator.get(f"/admin/archive/agent/{agent.pk}/change/").content.decode()
    assert "Staff only: never shown in public" in html and "staff-only" in html


def test_other_catalogue_pages_render(curator):
    item = make_item()
    add_agent(item)
    make_place("Laos > Champasak")
    make_subject()
    Language.for_code("lao")
    for name in ("agent", "place", "subject", "collection", "language", "consentrecord", "changerecord"):
        assert curator.get(f"/admin/archive/{name}/").status_code == 200, name
        assert curator.get(f"/admin/archive/{name}/", {"q": "ລາວ"}).status_code == 200, name
    for name in ("agent", "place", "subject", "collection", "language", "consentrecord"):
        assert curator.get(f"/admin/archive/{name}/add/").status_code == 200, name


def test_admin_sets_the_five_scripts_in_fonts_this_machine_has(curator):
    assert "/static/css/admin.css" in curator.get("/admin/").content.decode()
    css = (settings.BASE_DIR / "static" / "css" / "admin.css").read_text()
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30,
                               check=True).stdout
    for family in ("Noto Sans Thai", "Noto Sans Myanmar", "Noto Sans Khmer", "Noto Sans Lao"):
        assert f'local("{family}")' in css and family in installed
    assert "http" not in css.replace("https://", "").replace("http://", "") and "url(" not in css


def test_import_page_checks_then_imports(curator, staff_user, tmp_path):
    bad = "accession_number,kind,title,date\r\nX-1,film,เรือ,1995\r\nX-2,painting,ลวด,2001-02-30\r\n"
    page = admin_import_check(curator, bad.encode("utf-8-sig"))
    html = page.content.decode()
    assert "2 problem(s)" in html and "unknown kind" in html and "there is no day 30" in html
    assert page.context["token"] == "" and Item.objects.count() == 0

    good = "accession_number,kind,title,title_my\nX-1,film,Boat,လှေ\n"
    page = admin_import_check(curator, good)
    assert "1 item(s) would be created" in page.content.decode()
    token = page.context["token"]
    assert Item.objects.count() == 0

    done = admin_import_confirm(curator, token, **{"import": "1"})  # a task, run at once here
    assert done.request["PATH_INFO"] == f"/admin/archive/item/import/{token}/"
    assert "1 item(s) were created" in done.content.decode()
    assert Item.objects.get().title_my == "လှေ"
    change = ChangeRecord.objects.get(model="archive.item", action="create")
    assert (change.source, change.user) == ("import", staff_user)
    assert curator.post("/admin/archive/item/import/", {"token": token}).status_code == 404
    assert curator.post("/admin/archive/item/import/", {"token": "../../etc"}).status_code == 404


def test_export_download(curator):
    make_item(accession_number="EX-1", title_lo="ເຮືອ")
    response = curator.get("/admin/archive/item/export/")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"].startswith("text/csv") and body.startswith(b"\xef\xbb\xbf")
    assert "ເຮືອ" in body.decode("utf-8-sig")


def test_admin_pages_need_staff(client, registered_user):
    client.force_login(registered_user)
    assert client.get("/admin/archive/item/import/").status_code == 302
    assert client.get(CHANGELIST).status_code == 302


def test_files_added_in_the_admin_go_through_the_media_pipeline(curator, settings):
    import io

    from PIL import Image

    item = make_item(kind="photograph")
    image = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(image, "PNG")
    page = curator.get(f"/admin/archive/item/{item.pk}/change/")
    data = form_data(page, "item_form")
    data["new_files"] = [SimpleUploadedFile("ภาพเรือ.png", image.getvalue()),
                         SimpleUploadedFile("bad.png", b"<svg onload='x'></svg>")]

    response = curator.post(f"/admin/archive/item/{item.pk}/change/", data, follow=True)

    assert [a.original_name for a in item.assets.all()] == ["ภาพเรือ.png"]
    assert "“bad.png” was not added: This is an SVG document" in response.content.decode()
    html = curator.get(f"/admin/archive/item/{item.pk}/change/").content.decode()
    assert "ภาพเรือ.png" in html and "image/png" in html and "queued" in html.lower()


def test_import_page_takes_the_media_files_the_sheet_names(curator):
    import io

    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(image, "JPEG")
    sheet = "accession_number,kind,title,media_files\nP-1,photograph,Pier,ท่าเรือ.jpg\n"
    page = admin_import_check(curator, sheet, media=[SimpleUploadedFile("ท่าเรือ.jpg", image.getvalue())])
    assert "1 item(s) would be created" in page.content.decode()

    admin_import_confirm(curator, page.context["token"])

    assert [a.original_name for a in Item.objects.get().assets.all()] == ["ท่าเรือ.jpg"]
    missing = admin_import_check(curator, sheet.replace("P-1", "P-2"))
    assert "media file “ท่าเรือ.jpg” is missing" in missing.content.decode()


@pytest.mark.local_files
def test_uploads_checked_but_never_imported_are_dropped_after_a_day(curator, settings):
    import os
    import time

    sheet = "accession_number,kind,title\nOLD-1,film,Boat\n"
    first = admin_import_check(curator, sheet, name="a.csv")
    stale = settings.PRIVATE_MEDIA_ROOT / "imports" / first.context["token"]
    day_ago = time.time() - 25 * 3600
    for path in stale.iterdir():  # an upload is as old as its newest file, the check's progress file included
        os.utime(path, (day_ago, day_ago))

    admin_import_check(curator, sheet, name="b.csv")

    assert not stale.exists()
    assert len(list((settings.PRIVATE_MEDIA_ROOT / "imports").iterdir())) == 1


def test_a_zawgyi_subtitle_file_added_in_the_admin_tells_the_curator_it_was_converted(curator):
    # Zawgyi for ထိုင်းနိုင်ငံ (Thailand).
    zawgyi = "\u1011\u102d\u102f\u1004\u1039\u1038\u108f\u102d\u102f\u1004\u1039\u1004\u1036"
    item = make_item(kind="film")
    page = curator.get(f"/admin/archive/item/{item.pk}/change/")
    data = form_data(page, "item_form")
    srt = f"1\r\n00:00:01,000 --> 00:00:03,000\r\nမင်္ဂလာပါ\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\n{zawgyi}\r\n"
    data["new_files"] = [SimpleUploadedFile("စာတန်းထိုး.srt", srt.encode())]

    response = curator.post(f"/admin/archive/item/{item.pk}/change/", data, follow=True)

    assert [a.kind for a in item.assets.all()] == ["caption"]
    notes = [str(message) for message in response.context["messages"]]
    assert "“စာတန်းထိုး.srt” line 7: Burmese converted from Zawgyi" in notes
    assert not [note for note in notes if "line 3" in note]  # Unicode Burmese is left alone
