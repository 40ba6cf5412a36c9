"""The policy says why an item is not public, and its reasons agree with the filter every public surface uses."""

import itertools
from datetime import date

import pytest
from django.utils import translation

from archive.models import Item
from tests.factories import make_agent, make_consent, make_item

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
ACCESS = {"public": {}, "registered": {}, "staff": {},
          "embargo-past": {"access": "embargoed", "embargo_until": date(2026, 5, 31)},
          "embargo-future": {"access": "embargoed", "embargo_until": date(2026, 6, 2)}}
CONSENTS = {"none": [], "standing": [{}], "withdrawn": [{"withdrawn_on": date(2025, 1, 1)}],
            "not-web": [{"public_web": False}], "standing-and-withdrawn": [{}, {"withdrawn_on": date(2025, 1, 1)}]}


def test_reasons_agree_with_the_public_filter_in_every_combination():
    made = {}
    for status, access, kind, consent in itertools.product(
            ["published", "draft", "withdrawn"], ACCESS, ["photograph", "oral_history"], CONSENTS):
        fields = ACCESS[access] or {"access": access}
        item = make_item(accession_number=f"{status}/{access}/{kind}/{consent}", status=status, kind=kind, **fields)
        for values in CONSENTS[consent]:
            make_consent(item, **values)
        made[item.accession_number] = item
    public = set(Item.objects.public(today=TODAY).values_list("accession_number", flat=True))
    items = Item.objects.prefetch_related("consents__agent")
    explained = {item.accession_number for item in items if not item.reasons_not_public(today=TODAY)}
    assert explained == public
    assert "published/public/oral_history/standing" in public and len(public) == 6  # two open levels × (photograph: no consent or standing; oral history: standing)


def test_each_reason_names_what_to_change():
    narrator = make_agent(display_name="နော်ဝါ")
    item = make_item(kind="oral_history", status="draft", access="embargoed", embargo_until=date(2027, 1, 15))
    make_consent(item, agent=narrator, withdrawn_on=date(2026, 3, 1))
    assert item.reasons_not_public(today=TODAY) == [
        "workflow status is “draft”, not published",
        "embargoed until 2027-01-15",
        "နော်ဝါ withdrew consent on 2026-03-01",
        "an oral history needs a standing consent to public web use, and it has none",
    ]
    assert make_item(access="staff").reasons_not_public() == ["access is staff only"]
    assert make_item().reasons_not_public() == []


def test_reasons_are_in_the_curators_language():
    item = make_item(access="staff")
    with translation.override("th"):
        reasons = item.reasons_not_public()
    assert reasons and reasons != ["access is staff only"]
