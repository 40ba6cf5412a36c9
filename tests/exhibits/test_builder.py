"""The exhibit builder: each kind of block shows and keeps only its own fields, and a block's items are edited
inside the block, on the exhibit's page."""

import re

import pytest
from django.core.exceptions import ValidationError

from exhibits.models import Block, BlockItem, Exhibit
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def exhibit_form(slug, blocks, **fields):
    """The exhibit's change form as the page posts it; a block's `items` are rows of its own item list."""
    data = {"slug": slug, "title": "Harbour", "original_language": "th", "status": "draft",
            **management("blocks", len(blocks)), **fields}
    for n, block in enumerate(blocks):
        rows = block.pop("items", None)
        data.update({f"blocks-{n}-{key}": value for key, value in {"chart": "bar", **block}.items()})
        if rows is not None:
            data.update(management(f"blocks-{n}-items", len(rows)))
            for m, row in enumerate(rows):
                data.update({f"blocks-{n}-items-{m}-{key}": value for key, value in row.items()})
    return data


def test_every_kind_declares_its_fields_and_the_declaration_names_real_fields():
    names = {field.name for field in Block._meta.get_fields()} | {"items"}
    assert set(Block.FIELDS) == set(Block.Kind.values)
    assert all(set(used) <= names for used in Block.FIELDS.values())
    assert set(Block.ITEM_KINDS) == {"item", "gallery", "clip", "timeline", "map", "art_gallery", "performance"}
    block = Block(kind="quote")
    assert block.uses("body_my") and block.uses("attribution") and block.uses("heading_lo")
    assert not block.uses("clip_start") and not block.uses("data_csv") and not block.uses("items")


def test_validation_empties_the_fields_a_kind_does_not_use():
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    block = Block(exhibit=exhibit, kind="text", body_th="ท่าเรือยามเช้า", clip_start=3, clip_end=9,
                  attribution="นาง ก", data_csv="ปี,จำนวน\n2558,10\n", chart="line")
    block.full_clean()
    assert (block.clip_start, block.clip_end, block.attribution, block.data_csv, block.chart) == (
        None, None, "", "", "bar")
    assert block.body_th == "ท่าเรือยามเช้า"


@pytest.mark.parametrize("kind", ["text", "quote"])
def test_a_text_or_quote_block_needs_its_text(kind):
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    with pytest.raises(ValidationError) as error:
        Block(exhibit=exhibit, kind=kind, heading_my="ဆိပ်ကမ်း").full_clean()
    assert "needs its text" in str(error.value.message_dict["body"])


def _form_of(html, n):
    start = html.index(f'id="blocks-{n}"')
    end = html.find('class="inline-related', start + 10)
    return html[start:end if end > 0 else None]


def _group_of(form_html, field):
    """"used" or "unused": where a block's form puts a field (its row comes before or after the heading)."""
    row = form_html.index(f"field-{field}")
    heading = form_html.find("Not used by this kind")
    return "unused" if 0 <= heading < row else "used"


def test_each_block_form_groups_the_fields_its_kind_does_not_use(curator):
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    Block.objects.create(exhibit=exhibit, kind="text", position=1, body="Dawn")
    Block.objects.create(exhibit=exhibit, kind="clip", position=2)
    html = curator.get(f"/admin/exhibits/exhibit/{exhibit.pk}/change/").content.decode()
    text, clip = _form_of(html, 0), _form_of(html, 1)
    assert _group_of(text, "body_th") == "used" and _group_of(text, "clip_start") == "unused"
    assert _group_of(text, "data_csv") == "unused" and "Items in this block<span class=\"block-unused-note\"> (not used by this kind)" in text
    assert _group_of(clip, "clip_end") == "used" and _group_of(clip, "body") == "unused"
    assert "Items in this block" in clip and "(not used by this kind)" not in clip.split("Not used by")[0]
    # The script that hides them is a static file, and the page writes no inline script.
    assert "/static/js/exhibit-builder.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert 'data-block-fields="{&quot;kinds&quot;: {&quot;text&quot;: [&quot;position&quot;' in html


def test_a_blocks_items_are_added_and_captioned_inside_the_block(curator):
    boat, net = make_item(title="เรือ"), make_item(title="อวน")
    response = curator.post("/admin/exhibits/exhibit/add/", exhibit_form("harbour", [
        {"position": "10", "kind": "gallery", "heading_th": "ภาพ", "items": [
            {"item": boat.pk, "position": "2", "caption_th": "เรือยามเช้า", "caption_km": "ទូកពេលព្រឹក"},
            {"item": net.pk, "position": "1", "caption_lo": "ມອງ"},
            {"item": "", "position": "0", "caption": ""}]},
        {"position": "20", "kind": "text", "body": "Words", "items": [{"item": "", "position": "0"}]},
    ]))
    assert response.status_code == 302, re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.DOTALL)
    gallery = Exhibit.objects.get(slug="harbour").blocks.get(kind="gallery")
    assert [(row.item.title, row.display_caption("th")) for row in gallery.block_items.all()] == [
        ("อวน", "ມອງ"), ("เรือ", "เรือยามเช้า")]
    assert BlockItem.objects.count() == 2


def test_a_bad_item_row_stops_the_whole_save_with_a_message(curator):
    response = curator.post("/admin/exhibits/exhibit/add/", exhibit_form("harbour", [
        {"position": "10", "kind": "item", "items": [{"item": "999999", "caption_th": "หาย"}]}]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check the items of this block." in html and "Select a valid choice" in html
    assert not Exhibit.objects.exists() and not BlockItem.objects.exists()


def test_items_of_a_saved_block_are_changed_and_removed_on_the_exhibit_page(curator):
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    block = Block.objects.create(exhibit=exhibit, kind="gallery", position=1)
    kept = BlockItem.objects.create(block=block, item=make_item(title="เรือ"), position=1)
    dropped = BlockItem.objects.create(block=block, item=make_item(title="อวน"), position=2)
    data = exhibit_form("harbour", [{"id": block.pk, "exhibit": exhibit.pk, "position": "1", "kind": "gallery",
                                     "items": [{"id": kept.pk, "block": block.pk, "item": kept.item_id,
                                                "position": "1", "caption_my": "လှေ"},
                                               {"id": dropped.pk, "block": block.pk, "item": dropped.item_id,
                                                "position": "2", "DELETE": "on"}]}])
    data.update({"blocks-INITIAL_FORMS": "1", "blocks-0-items-INITIAL_FORMS": "2"})
    response = curator.post(f"/admin/exhibits/exhibit/{exhibit.pk}/change/", data)
    assert response.status_code == 302, re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.DOTALL)
    assert list(block.block_items.values_list("pk", "caption_my")) == [(kept.pk, "လှေ")]


def test_the_separate_block_page_is_gone_and_the_item_rows_have_a_plain_name():
    from django.contrib import admin

    assert Block not in admin.site._registry
    assert str(BlockItem._meta.verbose_name_plural) == "items of blocks"


def test_the_add_page_and_a_volunteers_change_page_render(curator, client, volunteer):
    html = curator.get("/admin/exhibits/exhibit/add/").content.decode()
    assert 'id="blocks-empty"' in html and 'name="blocks-__prefix__-items-TOTAL_FORMS"' in html
    exhibit = Exhibit.objects.create(slug="harbour", title="Harbour")
    block = Block.objects.create(exhibit=exhibit, kind="gallery", position=1)
    BlockItem.objects.create(block=block, item=make_item(title="เรือ ลับ", access="staff"), position=1)
    client.force_login(volunteer)
    response = client.get(f"/admin/exhibits/exhibit/{exhibit.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200 and 'name="blocks-0-items-0-item"' in html
    # The hidden item stays in the block, unnamed to an editor who may not see it.
    assert "เรือ ลับ" not in html and "a record you may not see" in html


def _change_page_queries(curator, blocks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    exhibit = Exhibit.objects.create(slug=f"e{blocks}", title="ท่าเรือ")
    for b in range(blocks):
        block = Block.objects.create(exhibit=exhibit, kind="gallery", position=b)
        for i in range(5):
            BlockItem.objects.create(block=block, item=make_item(title=f"ภาพ {b}-{i}"), position=i)
    with CaptureQueriesContext(connection) as queries:
        assert curator.get(f"/admin/exhibits/exhibit/{exhibit.pk}/change/").status_code == 200
    return len(queries)


def test_the_item_pickers_of_a_long_exhibit_are_labelled_in_a_few_queries(curator):
    """One query for each block's item list, none for each item it holds."""
    small, large = _change_page_queries(curator, 2), _change_page_queries(curator, 8)
    assert large - small <= 6, (small, large)
