"""The pieces exhibit blocks are made of: dates in words, sanitised Markdown, SVG charts and maps, citations."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from archive.models import Place
from exhibits.charts import ChartError, chart_svg, parse_chart_csv
from exhibits.citations import citations
from exhibits.dates import date_label, decade_label
from exhibits.maps import map_svg
from exhibits.models import Block, Exhibit
from exhibits.richtext import markdown_to_html
from tests.factories import add_agent, make_item


@pytest.mark.parametrize("edtf, english, thai", [
    ("1995", "1995", "พ.ศ. 2538"),
    ("1995~", "c. 1995", "ประมาณ พ.ศ. 2538"),
    ("1995?", "1995?", "พ.ศ. 2538 (ไม่แน่ชัด)"),
    ("199X", "1990s", "พ.ศ. 2533–2542"),
    ("19XX", "1900–1999", "พ.ศ. 2443–2542"),
    ("2003-05", "May 2003", "พฤษภาคม พ.ศ. 2546"),
    ("2001-03-15", "15 March 2001", "15 มีนาคม พ.ศ. 2544"),
    ("1990/1999", "1990 – 1999", "พ.ศ. 2533 – พ.ศ. 2542"),
    ("../1975", "before 1975", "ก่อน พ.ศ. 2518"),
    ("", "", ""),
    ("not a date", "not a date", "not a date"),
])
def test_date_labels_show_precision_and_buddhist_era_in_thai(edtf, english, thai):
    with translation.override("en"):
        assert date_label(edtf) == english
    with translation.override("th"):
        assert date_label(edtf) == thai


def test_decade_labels():
    with translation.override("en"):
        assert decade_label(1980) == "1980s"
    with translation.override("th"):
        assert decade_label(1980) == "พ.ศ. 2523–2532"
    with translation.override("my"):
        assert decade_label(1980) == "1980 ပြည့်လွန်နှစ်များ"


def test_markdown_is_sanitised():
    html = markdown_to_html('# Title\n\n**bold** <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a>'
                            "\n\n[ok](https://example.org) <iframe src='https://evil'></iframe>")
    assert "<strong>bold</strong>" in html
    for bad in ("onerror", "javascript:", "<iframe", "<img", "<h1"):
        assert bad not in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer"' in html


def test_chart_csv_reads_thai_labels_and_thousands():
    data = parse_chart_csv("\ufeffปี,จำนวนแรงงาน\n2558,\"1,200,000\"\n2559, 1 450 000\n")
    assert data.label_heading == "ปี" and data.rows == [("2558", Decimal(1200000)), ("2559", Decimal(1450000))]
    svg = chart_svg(data, kind="bar", title="แรงงานข้ามชาติ")
    assert svg.count('class="bar"') == 2 and "แรงงานข้ามชาติ" in svg
    line = chart_svg(data, kind="line", title="t")
    assert "<polyline" in line and line.count('class="point"') == 2


def test_chart_escapes_labels():
    svg = chart_svg(parse_chart_csv("a,b\n<script>,1\n"), title="<b>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize("text, message", [
    ("", "the table is empty"),
    ("year\n2015\n", "needs two columns"),
    ("year,count\n", "no rows of data"),
    ("year,count\n2015,many\n", "row 2: “many” is not a number"),
    ("year,count\n2015,1\n2016\n", "row 3 has no number"),
    ("year,count\n2015,NaN\n", "is not a number"),
    ("y,c\n" + "".join(f"{n},1\n" for n in range(61)), "at most 60"),
])
def test_bad_chart_csv_is_refused_with_a_clear_message(text, message):
    with pytest.raises(ChartError, match=message):
        parse_chart_csv(text)


@pytest.mark.django_db
def test_a_data_block_with_bad_csv_does_not_validate():
    exhibit = Exhibit.objects.create(slug="x", title="X")
    block = Block(exhibit=exhibit, kind=Block.Kind.DATA, data_csv="year,count\n2015,lots\n")
    with pytest.raises(ValidationError) as error:
        block.full_clean()
    assert "not a number" in str(error.value.message_dict["data_csv"])
    clip = Block(exhibit=exhibit, kind=Block.Kind.CLIP, clip_start=20, clip_end=5)
    with pytest.raises(ValidationError, match="must end after it starts"):
        clip.full_clean()


def test_map_draws_places_with_coordinates_only():
    places = [Place(name="Mae Sot", name_th="แม่สอด", latitude=Decimal("16.7131"), longitude=Decimal("98.5747")),
              Place(name="Bangkok", latitude=Decimal("13.7563"), longitude=Decimal("100.5018")),
              Place(name="Nowhere")]
    with translation.override("th"):
        svg = map_svg(places, title="แผนที่")
    assert svg.count('class="pin"') == 2 and "แม่สอด" in svg and "Nowhere" not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert map_svg([Place(name="Nowhere")], title="x") == ""


def test_map_of_one_place_is_still_drawn():
    svg = map_svg([Place(name="Ranong", latitude=Decimal("9.96"), longitude=Decimal("98.63"))], title="x")
    assert 'class="pin"' in svg and "nan" not in svg


@pytest.mark.django_db
def test_citations_in_three_styles():
    item = make_item(title="Night shift", date="1995~", accession_number="MLA-00001")
    agent = add_agent(item, role="filmmaker")
    result = citations(item=item, title=item.title, agents=[agent], url="https://archive.example/items/MLA-00001/",
                       accessed=date(2026, 11, 26))
    assert result["Chicago"] == (f"{agent.display_name}. “Night shift.” Photograph, c. 1995. Migrant Labour History "
                                 "Archive, MLA-00001. https://archive.example/items/MLA-00001/.")
    assert result["APA"].startswith(f"{agent.display_name} (1995). <i>Night shift</i> [Photograph].")
    assert result["MLA"].endswith("https://archive.example/items/MLA-00001/. Accessed 26 Nov. 2026.")


@pytest.mark.django_db
def test_apa_without_a_creator_leads_with_the_title_and_keeps_the_date_precision():
    item = make_item(title="Night shift", date="199X", accession_number="APA-00001")
    result = citations(item=item, title=item.title, agents=[], url="https://archive.example/i/", accessed=date.today())
    assert str(result["APA"]) == "<i>Night shift</i> [Photograph]. (1990s). Migrant Labour History Archive. " \
                                 "https://archive.example/i/"
