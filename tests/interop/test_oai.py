"""OAI-PMH 2.0 at /oai/: harvested with Sickle (a real OAI-PMH client) over a live server, and every error the
protocol defines asked for with the test client."""

import xml.etree.ElementTree as ET
from datetime import UTC, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from sickle import Sickle
from sickle.oaiexceptions import BadArgument, CannotDisseminateFormat, IdDoesNotExist, NoRecordsMatch

from archive.models import Item, ItemAgent, Language
from interop.models import HarvestRecord
from interop.oai import receivers
from tests.factories import add_agent, make_collection, make_consent, make_item, make_place, make_subject

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"

SCRIPTS = {
    "th": "แรงงานข้ามชาติที่ท่าเรือมหาชัย",
    "my": "မဟာချိုင်ဆိပ်ကမ်းမှ ရွှေ့ပြောင်းလုပ်သားများ",
    "km": "កម្មករចំណាកស្រុកនៅកំពង់ផែ",
    "lo": "ແຮງງານເຄື່ອນຍ້າຍຢູ່ທ່າເຮືອ",
}


def identifier(item_or_accession):
    accession = getattr(item_or_accession, "accession_number", item_or_accession)
    return f"oai:testserver:{accession}"


def oai(client, **params):
    response = client.get("/oai/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ET.fromstring(response.content)


def error_code(root):
    errors = root.findall(f"{OAI}error")
    assert len(errors) == 1, ET.tostring(root)
    return errors[0].get("code")


@pytest.fixture
def collection_of_five(db):
    """Five public items (one per script and one in English), and hidden ones of every kind."""
    collection = make_collection(slug="fishing", title="Fishing", title_th="ประมง")
    public = [make_item(accession_number="OAI-EN", title="Boat builders", collection=collection)]
    for code, text in SCRIPTS.items():
        public.append(make_item(accession_number=f"OAI-{code.upper()}", title=f"{code} title",
                                **{f"title_{code}": text, f"description_{code}": text}))
    hidden = [
        make_item(accession_number="HID-DRAFT", status=Item.Status.DRAFT),
        make_item(accession_number="HID-STAFF", access="staff"),
        make_item(accession_number="HID-VOICE", kind=Item.Kind.ORAL_HISTORY),  # no consent: never public
    ]
    withdrawn_consent = make_item(accession_number="HID-CONSENT", status=Item.Status.DRAFT)
    make_consent(withdrawn_consent, withdrawn_on=timezone.localdate())
    withdrawn_consent.status = Item.Status.PUBLISHED
    withdrawn_consent.save()
    hidden.append(withdrawn_consent)
    call_command("oai_sync", verbosity=0)
    return public, hidden


def harvest(live_server):
    sickle = Sickle(f"{live_server.url}/oai/", max_retries=0)
    try:
        return list(sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False))
    except NoRecordsMatch:
        return []


@pytest.fixture
def harvester_host(settings, live_server):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    settings.OAI_PAGE_SIZE = 2
    return live_server


def test_sickle_harvests_exactly_the_public_set_across_pages(harvester_host, collection_of_five):
    public, hidden = collection_of_five
    records = harvest(harvester_host)
    assert sorted(r.header.identifier for r in records) == sorted(identifier(item) for item in public)
    assert not any(r.header.deleted for r in records)
    assert not HarvestRecord.objects.filter(accession_number__startswith="HID-").exists()
    assert {identifier(item) for item in Item.objects.public()} == {r.header.identifier for r in records}
    by_id = {r.header.identifier: r for r in records}
    for code, text in SCRIPTS.items():
        record = by_id[identifier(f"OAI-{code.upper()}")]
        assert text in record.metadata["title"]
        assert text in record.metadata["description"]
        titles = {t.get(LANG): t.text for t in record.xml.iter(f"{DC}title")}
        assert titles == {"en": f"{code} title", code: text}


def test_an_item_that_leaves_the_public_set_is_harvested_as_deleted(harvester_host, collection_of_five):
    public, _hidden = collection_of_five
    withdrawn, unconsented, removed = public[1], public[2], public[3]
    withdrawn.status = Item.Status.WITHDRAWN
    withdrawn.save()
    make_consent(unconsented, public_web=False)
    removed.delete()

    records = {r.header.identifier: r for r in harvest(harvester_host)}

    assert set(records) == {identifier(item) for item in public}
    gone = {identifier(withdrawn), identifier(unconsented), identifier(removed.accession_number)}
    assert {key for key, r in records.items() if r.header.deleted} == gone
    for key in gone:
        assert not getattr(records[key], "metadata", None)
        assert records[key].xml.find(f"{OAI}metadata") is None


def test_a_bulk_update_is_recorded_as_deleted_at_once(harvester_host, collection_of_five):
    public, _hidden = collection_of_five
    published_at = HarvestRecord.objects.get(accession_number=public[0].accession_number).datestamp
    Item.objects.filter(pk=public[0].pk).update(access="staff")  # announced by archive.signals.records_updated
    assert HarvestRecord.objects.get(accession_number=public[0].accession_number).deleted

    before = {r.header.identifier: r for r in harvest(harvester_host)}
    assert before[identifier(public[0])].header.deleted, "a hidden item is never shown with its metadata"

    call_command("oai_sync", verbosity=0)

    record = HarvestRecord.objects.get(accession_number=public[0].accession_number)
    assert record.deleted and record.datestamp > published_at
    after = {r.header.identifier: r for r in harvest(harvester_host)}
    assert after[identifier(public[0])].header.deleted
    assert after[identifier(public[0])].header.datestamp == record.datestamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_an_item_that_returns_is_harvested_again_with_a_new_datestamp(harvester_host, collection_of_five):
    public, _hidden = collection_of_five
    item = public[0]
    item.status = Item.Status.WITHDRAWN
    item.save()
    left = HarvestRecord.objects.get(accession_number=item.accession_number).datestamp
    item.status = Item.Status.PUBLISHED
    item.save()
    record = HarvestRecord.objects.get(accession_number=item.accession_number)
    assert not record.deleted and record.datestamp >= left
    records = {r.header.identifier: r for r in harvest(harvester_host)}
    assert not records[identifier(item)].header.deleted


def test_resumption_tokens_carry_cursor_and_complete_list_size(client, settings, collection_of_five):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    settings.OAI_PAGE_SIZE = 2
    seen, cursors, token = [], [], None
    while True:
        params = {"resumptionToken": token} if token else {"metadataPrefix": "oai_dc"}
        root = oai(client, verb="ListIdentifiers", **params)
        listing = root.find(f"{OAI}ListIdentifiers")
        seen += [h.findtext(f"{OAI}identifier") for h in listing.findall(f"{OAI}header")]
        resumption = listing.find(f"{OAI}resumptionToken")
        assert resumption.get("completeListSize") == "5"
        cursors.append(int(resumption.get("cursor")))
        token = resumption.text
        if not token:
            break
    assert cursors == [0, 2, 4]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 5


def test_a_page_is_neither_skipped_nor_repeated_when_an_item_is_added_mid_harvest(client, settings,
                                                                                 collection_of_five):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    settings.OAI_PAGE_SIZE = 2
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").find(f"{OAI}ListIdentifiers")
    make_item(accession_number="AAA-FIRST")  # sorts before everything already sent
    token = first.find(f"{OAI}resumptionToken").text
    rest = []
    while token:
        listing = oai(client, verb="ListIdentifiers", resumptionToken=token).find(f"{OAI}ListIdentifiers")
        rest += [h.findtext(f"{OAI}identifier") for h in listing.findall(f"{OAI}header")]
        token = listing.find(f"{OAI}resumptionToken").text
    sent = [h.findtext(f"{OAI}identifier") for h in first.findall(f"{OAI}header")] + rest
    assert len(sent) == len(set(sent)) == 5


def test_get_record_writes_dublin_core_from_public_fields_only(client, settings, db):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    item = make_item(accession_number="OAI-DC", kind=Item.Kind.ORAL_HISTORY, title="Night shift",
                     title_th="กะกลางคืน", description_my=SCRIPTS["my"], date="1995~",
                     rights=Item.Rights.IN_COPYRIGHT_EDU, licence="CC-BY-NC-4.0", provenance="from the union office")
    make_consent(item)
    add_agent(item, Item.agents.field.related_model.objects.create(
        display_name="Ma Hla (pseudonym)", private_name="Real Name Never Shown"), role=ItemAgent.Role.NARRATOR)
    add_agent(item, role=ItemAgent.Role.INTERVIEWER)
    item.languages.add(Language.for_code("mya"), Language.for_code("tha"))
    item.places.add(make_place("Thailand > Samut Sakhon"))
    item.subjects.add(make_subject(title="Fishing", title_km="នេសាទ"))

    root = oai(client, verb="GetRecord", identifier=identifier(item), metadataPrefix="oai_dc")

    dc = root.find(f"{OAI}GetRecord/{OAI}record/{OAI}metadata/")
    values = lambda name: [(e.text, e.get(LANG)) for e in dc.findall(f"{DC}{name}")]  # noqa: E731
    assert values("title") == [("Night shift", "en"), ("กะกลางคืน", "th")]
    assert values("description") == [(SCRIPTS["my"], "my")]
    assert values("creator") == [("Ma Hla (pseudonym)", None)]
    assert len(values("contributor")) == 1
    assert sorted(values("language")) == [("mya", None), ("tha", None)]
    assert values("type") == [("Sound", None)]
    assert values("date") == [("1995~", None)]
    assert ("នេសាទ", "km") in values("subject")
    assert values("coverage") == [("Thailand > Samut Sakhon", "en")]
    assert values("rights") == [("http://rightsstatements.org/vocab/InC-EDU/1.0/", None),
                                ("https://creativecommons.org/licenses/by-nc/4.0/", None)]
    assert values("identifier") == [("http://testserver/items/OAI-DC/", None)]
    text = ET.tostring(root, encoding="unicode")
    assert "Real Name Never Shown" not in text and "union office" not in text


def test_identify_and_metadata_formats(client, db):
    make_item()
    root = oai(client, verb="Identify")
    identify = root.find(f"{OAI}Identify")
    assert identify.findtext(f"{OAI}baseURL") == "http://testserver/oai/"
    assert identify.findtext(f"{OAI}protocolVersion") == "2.0"
    assert identify.findtext(f"{OAI}deletedRecord") == "persistent"
    assert identify.findtext(f"{OAI}granularity") == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext(f"{OAI}earliestDatestamp").endswith("Z")
    formats = oai(client, verb="ListMetadataFormats").findall(f".//{OAI}metadataPrefix")
    assert [f.text for f in formats] == ["oai_dc"]


def test_sets_are_collections_and_select_records(client, settings, db):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    fishing = make_collection(slug="fishing", title="Fishing", title_lo="ການຫາປາ")
    thai_slug = make_collection(slug="ประมง", title="Fishing in Thai")
    inside = make_item(collection=fishing)
    thai_item = make_item(collection=thai_slug)
    make_item()
    secret = make_collection(slug="raids", title="Raids")
    make_item(collection=secret, access="staff")
    sets = oai(client, verb="ListSets").findall(f".//{OAI}set")
    specs = [s.findtext(f"{OAI}setSpec") for s in sets]
    assert specs == ["fishing", f"collection.{thai_slug.pk}"]
    assert ("ການຫາປາ", "lo") in [(t.text, t.get(LANG)) for t in sets[0].iter(f"{DC}title")]
    assert "Raids" not in ET.tostring(oai(client, verb="ListSets"), encoding="unicode")
    unannounced = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="raids")
    assert error_code(unannounced) == "badArgument", "a collection of hidden items is as unknown as no collection"
    for spec, item in (("fishing", inside), (f"collection.{thai_slug.pk}", thai_item)):
        headers = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec).findall(f".//{OAI}header")
        assert [h.findtext(f"{OAI}identifier") for h in headers] == [identifier(item)]
        assert [h.findtext(f"{OAI}setSpec") for h in headers] == [spec]


def test_from_and_until_select_by_change_time_in_both_granularities(client, settings, db):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    old, new = make_item(), make_item()
    long_ago = (timezone.now() - timedelta(days=10)).astimezone(UTC).replace(microsecond=500_000)
    Item.objects.filter(pk=old.pk).update(updated_at=long_ago)
    HarvestRecord.objects.all().delete()
    stamp = lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    cases = {
        ("from", (long_ago + timedelta(days=1)).strftime("%Y-%m-%d")): [new],
        ("until", long_ago.strftime("%Y-%m-%d")): [old],
        ("until", stamp(long_ago)): [old],  # the second it changed in is included
        ("from", stamp(long_ago + timedelta(seconds=1))): [new],
    }
    for (name, value), expected in cases.items():
        headers = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{name: value}).findall(
            f".//{OAI}header")
        assert [h.findtext(f"{OAI}identifier") for h in headers] == [identifier(i) for i in expected], (name, value)


def test_post_is_answered_like_get(client, db):
    response = client.post("/oai/", {"verb": "Identify"})
    assert ET.fromstring(response.content).find(f"{OAI}Identify") is not None


@pytest.mark.parametrize("params, code", [
    ({}, "badVerb"),
    ({"verb": "ListEverything"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01",
      "until": "2024-02-01T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-02-01", "until": "2024-01-01"},
     "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "no-such-set"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "mods", "identifier": "oai:testserver:OAI-EN"},
     "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:testserver:NOPE"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:elsewhere:OAI-EN"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:testserver:NOPE"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
])
def test_errors_are_the_ones_the_protocol_defines(client, settings, db, params, code):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    make_item(accession_number="OAI-EN", collection=make_collection())
    root = oai(client, **params)
    assert error_code(root) == code
    request = root.find(f"{OAI}request")
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}, "the request is not echoed when its arguments are wrong"
    assert request.text == "http://testserver/oai/"


def test_hidden_items_are_unknown_identifiers_unless_they_were_published(client, settings, db):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    never = make_item(access="staff")
    root = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier(never))
    assert error_code(root) == "idDoesNotExist"
    assert "Test item" not in ET.tostring(root, encoding="unicode")


def test_a_tampered_resumption_token_is_refused(client, settings, collection_of_five):
    settings.OAI_PAGE_SIZE = 2
    token = oai(client, verb="ListRecords", metadataPrefix="oai_dc").find(f".//{OAI}resumptionToken").text
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token[:-2] + "xx")) == "badResumptionToken"


def test_no_sets_is_no_set_hierarchy(client, db):
    make_item()
    assert error_code(oai(client, verb="ListSets")) == "noSetHierarchy"


def test_list_records_takes_a_fixed_number_of_queries(client, settings, db, django_assert_max_num_queries):
    settings.OAI_PAGE_SIZE = 50
    for n in range(12):
        item = make_item(title_th=f"ภาพที่ {n}")
        item.places.add(make_place(f"Thailand > Province {n}"))
        add_agent(item)
        item.subjects.add(make_subject())
    with django_assert_max_num_queries(14):
        root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert len(root.findall(f".//{OAI}record")) == 12


def test_oai_sync_reports_what_it_changed(db):
    item = make_item()
    make_item(access="staff")
    out = StringIO()
    call_command("oai_sync", stdout=out)
    assert out.getvalue().strip() == "1 record(s) published, 0 reported as deleted, 0 unchanged."
    Item.objects.filter(pk=item.pk).update(status=Item.Status.WITHDRAWN)
    out = StringIO()
    call_command("oai_sync", stdout=out)
    assert out.getvalue().strip() == "0 record(s) published, 1 reported as deleted, 0 unchanged."
    assert list(HarvestRecord.objects.values_list("accession_number", "deleted")) == [(item.accession_number, True)]


def test_an_accession_number_with_spaces_and_thai_letters_is_a_uri_and_found_again(client, settings, db):
    settings.OAI_REPOSITORY_IDENTIFIER = "testserver"
    make_item(accession_number="MLH 2024 ก-1", title="Odd number")
    [header] = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").findall(f".//{OAI}header")
    identifier_text = header.findtext(f"{OAI}identifier")
    assert identifier_text == "oai:testserver:MLH%202024%20%E0%B8%81-1"
    root = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier_text)
    assert root.find(f".//{DC}title").text == "Odd number"


def test_sickle_reads_identify_sets_records_and_errors(harvester_host, collection_of_five):
    sickle = Sickle(f"{harvester_host.url}/oai/", max_retries=0)
    assert sickle.Identify().deletedRecord == "persistent"
    assert [s.setSpec for s in sickle.ListSets()] == ["fishing"]
    record = sickle.GetRecord(identifier=identifier("OAI-LO"), metadataPrefix="oai_dc")
    assert SCRIPTS["lo"] in record.metadata["title"]
    with pytest.raises(IdDoesNotExist):
        sickle.GetRecord(identifier=identifier("HID-STAFF"), metadataPrefix="oai_dc")
    with pytest.raises(CannotDisseminateFormat):
        list(sickle.ListRecords(metadataPrefix="marc21"))
    with pytest.raises(BadArgument):
        list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "yesterday"}))


def test_the_items_a_transaction_touched_are_recorded_together_after_it_commits(
        db, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    with django_capture_on_commit_callbacks() as callbacks:
        items = [make_item(title_lo=f"ລາຍການ {n}") for n in range(30)]
        make_consent(items[0], withdrawn_on=timezone.localdate())
    assert not HarvestRecord.objects.exists(), "nothing is recorded before the commit"
    ours = [callback for callback in callbacks if isinstance(callback, receivers._Flush)]
    assert len(ours) == 1, "one callback for the transaction, not one per change"
    others = [callback for callback in callbacks if not isinstance(callback, receivers._Flush)]
    with django_assert_max_num_queries(6):
        for callback in ours:
            callback()
    for callback in others:  # the search index's own work, for instance
        callback()
    assert HarvestRecord.objects.filter(deleted=False).count() == 29
    assert not HarvestRecord.objects.filter(accession_number=items[0].accession_number).exists()


def test_items_of_a_transaction_that_rolled_back_are_not_refreshed_with_the_next(
        db, django_capture_on_commit_callbacks):
    from django.db import transaction

    [kept] = Item.objects.bulk_create([Item(kind="photograph", accession_number="KEPT-1", title="Kept",
                                            status="published", access="public")])
    try:
        with transaction.atomic():
            make_item(title="Rolled back")
            raise RuntimeError("the import failed")
    except RuntimeError:
        pass
    with django_capture_on_commit_callbacks() as callbacks:
        kept.save()
    assert receivers._pending.flush.ids == {kept.pk}, "a long-running worker would gather every rolled-back id"
    for callback in callbacks:
        if isinstance(callback, receivers._Flush):
            callback()
    assert list(HarvestRecord.objects.values_list("accession_number", flat=True)) == ["KEPT-1"]
