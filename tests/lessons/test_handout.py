"""The kit handout: the HTML page, the PDF WeasyPrint makes of it (read back with poppler's tools), the scripts of
the region rendered with their fonts, the classroom rule, and what the PDF may read."""

import io
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from PIL import Image

from archive.models import Asset, Item
from archive.storage import public_storage
from lessons.handout import attachment_header, handout_html, handout_pdf, print_rendition, storage_name
from lessons.lookup import kit_url
from lessons.models import Kit
from tests.factories import make_consent, make_derivative, make_item, make_kit

pytestmark = pytest.mark.django_db

THAI_TITLE = "แรงงานข้ามชาติกับเรือประมง"
THAI_QUESTION = "ในภาพนี้คนกำลังทำอะไรอยู่"
BURMESE_TITLE = "ရွှေ့ပြောင်းအလုပ်သမားများ၏ သမိုင်း"
BURMESE_QUESTION = "သူတို့ ဘာကြောင့် ဒီမှာ အလုပ်လုပ်ကြသလဲ"
BURMESE_ITEM = "ငါးဖမ်းလှေပေါ်က ညများ"


def base_letters(text):
    """`text` without combining marks (Unicode categories Mn and Mc) and white space: pdftotext puts Thai and
    Burmese vowel signs and tone marks where their glyphs are drawn, not where the text stores them, and gives a
    shaped Thai SARA AM as its two parts (so NFKD splits it here too, and its nikhahit goes with the marks)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if unicodedata.category(c) not in ("Mn", "Mc") and not c.isspace())


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = Path(tmp_path) / "handout.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def pdf_fonts(pdf: bytes, tmp_path) -> str:
    path = Path(tmp_path) / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True, timeout=60).stdout


def pdf_images(pdf: bytes, tmp_path) -> list[tuple[int, int]]:
    """(width, height) of each picture embedded in the PDF, from `pdfimages -list`."""
    path = Path(tmp_path) / "images.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True,
                             timeout=60).stdout.splitlines()[2:]
    return [(int(row.split()[3]), int(row.split()[4])) for row in listing if row.split()[2] == "image"]


def stored_jpeg(item, widths=(320, 640, 1280)):
    """An image file of `item` with JPEG renditions in these widths, saved through the storage API (so on object
    storage when the test runs there), as the media pipeline would leave them."""
    asset = Asset.objects.create(item=item, kind=Asset.Kind.IMAGE, original_name="ภาพ.jpg")
    for width in widths:
        data = io.BytesIO()
        Image.new("RGB", (width, width * 3 // 4), (40, 90, 160)).save(data, "JPEG")
        path = public_storage.save(f"derivatives/{asset.pk}/image-sizes/t/{width}.jpg", ContentFile(data.getvalue()))
        make_derivative(asset, "image", path=path, mime_type="image/jpeg", width=width, height=width * 3 // 4)
    return asset


def thai_and_burmese_kit(*sources):
    """A kit written in Thai and Burmese: in Thai its reflection questions exist only in Burmese."""
    return make_kit(*sources, slug="แรงงาน-ประมง", title_th=THAI_TITLE, title_my=BURMESE_TITLE,
                    questions_observe_th=THAI_QUESTION, questions_reflect_my=BURMESE_QUESTION,
                    vocabulary_th="ค่าจ้าง\nสัญญาจ้าง", duration_minutes=45)


@pytest.fixture
def request_th(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "archive.example.org"]
    return RequestFactory().get("/th/lessons/", HTTP_HOST="archive.example.org")


def test_the_pdf_carries_thai_and_burmese_text_in_their_fonts_and_renders_to_a_page_with_ink(tmp_path, request_th):
    item = make_item(title="", title_my=BURMESE_ITEM)
    kit = thai_and_burmese_kit(item)
    pdf = handout_pdf(kit, request_th, "th")
    assert pdf.startswith(b"%PDF-")
    text = base_letters(pdf_text(pdf, tmp_path))
    for expected in (THAI_TITLE, THAI_QUESTION, BURMESE_QUESTION, BURMESE_ITEM, "ค่าจ้าง", "สัญญาจ้าง"):
        assert base_letters(expected) in text, expected
    fonts = pdf_fonts(pdf, tmp_path)
    assert "Noto-Sans-Thai" in fonts and "Noto-Sans-Myanmar" in fonts

    (tmp_path / "handout.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(tmp_path / "handout.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(page.histogram()[:128])
    assert dark > page.width * page.height * 0.005, "page 1 is blank"


def test_a_source_without_classroom_consent_is_not_in_the_pdf_which_says_one_was_removed(tmp_path, request_th):
    kept, refused = make_item(title="Harbour at dawn"), make_item(title="Private letters home")
    make_consent(refused, classroom=False)
    text = pdf_text(handout_pdf(make_kit(kept, refused), request_th, "en"), tmp_path)
    assert "Harbour at dawn" in text and "Private letters home" not in text
    assert "One source of this kit is no longer available." in " ".join(text.split())


def test_the_pdf_prints_each_source_with_citations_rights_and_its_short_address(tmp_path, request_th):
    item = make_item(title="Night boats", accession_number="MLH-0042", rights=Item.Rights.IN_COPYRIGHT_EDU,
                     licence=Item.Licence.BY_NC)
    text = " ".join(pdf_text(handout_pdf(make_kit(item), request_th, "en"), tmp_path).split())
    for words in ("Chicago", "APA", "MLA", "Rights", "Licence", "archive.example.org/items/MLH-0042"):
        assert words in text, words


def test_the_pdf_embeds_the_smallest_rendition_wide_enough_for_paper(tmp_path, request_th):
    item = make_item(title="Drying fish", licence=Item.Licence.BY_NC)
    stored_jpeg(item)
    assert pdf_images(handout_pdf(make_kit(item), request_th, "en"), tmp_path) == [(640, 480)]


def test_a_picture_whose_rights_allow_no_copy_is_not_printed_but_its_source_is(tmp_path, request_th):
    item = make_item(title="Drying fish", rights=Item.Rights.IN_COPYRIGHT, licence="")
    stored_jpeg(item)
    pdf = handout_pdf(make_kit(item), request_th, "en")
    assert pdf_images(pdf, tmp_path) == [] and "Drying fish" in pdf_text(pdf, tmp_path)


def test_pictures_come_through_the_storage_api_on_object_storage_too(tmp_path, request_th, object_storage):
    item = make_item(title="Drying fish", licence=Item.Licence.CC0)
    stored_jpeg(item, widths=(800,))
    assert pdf_images(handout_pdf(make_kit(item), request_th, "en"), tmp_path) == [(800, 600)]


def test_the_pdf_reads_nothing_but_its_own_pictures(tmp_path):
    from lessons.pdf import StorageFetcher, render_pdf

    secret = tmp_path / "secret.png"
    Image.new("RGB", (50, 50), (255, 0, 0)).save(secret)
    html = (f'<p>Hello</p><img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">'
            '<img src="/media/../secret.png"><img src="/media/derivatives/other.jpg">')
    pdf = render_pdf(html, stylesheet="", base_url="http://archive.example.org/", pictures={})
    assert pdf_images(pdf, tmp_path) == []
    with pytest.raises(ValueError, match="not one of this document's pictures"):
        StorageFetcher({}).fetch(f"file://{secret}")


def test_only_derivative_addresses_name_stored_files():
    assert storage_name("/media/derivatives/7/image-sizes/t/640.jpg") == "derivatives/7/image-sizes/t/640.jpg"
    for address in ("/media/../private/x.jpg", "/static/css/site.css", "/media//etc/passwd", "http://x/media/a.jpg"):
        assert storage_name(address) == "", address


def test_the_print_rendition_is_the_smallest_wide_enough_else_the_largest():
    from exhibits.players import Picture

    small = Picture(srcset="/media/a/320.jpg 320w, /media/a/480.jpg 480w", src="/media/a/480.jpg")
    assert print_rendition(small) == ("/media/a/480.jpg", "a/480.jpg")
    wide = Picture(srcset="/media/a/320.jpg 320w, /media/a/1280.jpg 1280w, /media/a/640.jpg 640w", src="x")
    assert print_rendition(wide)[0] == "/media/a/640.jpg"
    assert print_rendition(Picture()) == ("", "")


def test_the_handout_page_is_a_standalone_printable_document_with_qr_codes(client):
    item = make_item(title="Night boats")
    kit = thai_and_burmese_kit(item)
    response = client.get("/th" + kit_url(kit, "handout"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="th">' in html and THAI_TITLE in html and 'lang="my"' in html
    assert html.count('<svg aria-hidden="true" focusable="false" viewBox=') == 2  # the kit's and the source's
    assert "style=" not in html and "<style" not in html and "<script" not in html
    assert "/static/css/handout.css" in html and kit_url(kit, "handout_pdf") in html
    assert "testserver/th/items/" in html  # each source's short address


def test_the_handout_page_and_the_pdf_follow_the_classroom_rule_and_the_kits_own_visibility(client):
    draft = make_kit(make_item(), status=Kit.Status.DRAFT, published_at=None)
    assert client.get(kit_url(draft, "handout")).status_code == 404
    assert client.get(kit_url(draft, "handout_pdf")).status_code == 404
    assert client.get("/lessons/no-such-kit/handout.pdf").status_code == 404
    assert client.get("/lessons/shared/not-a-key/handout/").status_code == 404
    refused = make_item(title="Private letters home")
    make_consent(refused, classroom=False)
    html = client.get(kit_url(make_kit(refused), "handout")).content.decode()
    assert "Private letters home" not in html and "One source of this kit is no longer available." in html


def test_the_pdf_download_is_named_after_the_kits_address_in_its_own_script(client, django_user_model):
    kit = thai_and_burmese_kit(make_item())
    response = client.get(kit_url(kit, "handout_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "filename*=UTF-8''%E0%B9%81%E0%B8%A3%E0%B8%87" in disposition and disposition.endswith(".pdf")
    teacher = django_user_model.objects.create_user("teacher", password="pw")
    private = make_kit(make_item(), owner=teacher, status=Kit.Status.DRAFT)
    shared = client.get(kit_url(private, "handout_pdf"))
    assert shared.status_code == 200 and "private" in shared["Cache-Control"]


def test_the_download_name_keeps_a_readable_ascii_fallback():
    assert attachment_header("kit-7.pdf") == "attachment; filename=\"kit-7.pdf\"; filename*=UTF-8''kit-7.pdf"
    assert attachment_header("ชุด.pdf").startswith('attachment; filename="handout.pdf"; filename*=UTF-8\'\'%E0')


def test_the_handout_html_can_point_at_copies_of_its_pictures(request_th):
    item = make_item(title="Drying fish", rights=Item.Rights.NO_KNOWN_COPYRIGHT)
    stored_jpeg(item, widths=(640,))
    html = handout_html(make_kit(item), request_th, "en", image_src=lambda name: f"media/{name}", stylesheet=None)
    assert 'src="media/derivatives/' in html and "<link" not in html


def test_the_handout_takes_a_fixed_number_of_queries(request_th):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (1, 4):
        items = [make_item(title=f"Picture {size}-{n}") for n in range(size)]
        for item in items:
            stored_jpeg(item, widths=(640,))
        kit = Kit.objects.get(pk=make_kit(*items).pk)
        with CaptureQueriesContext(connection) as queries:
            handout_html(kit, request_th, "th")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_picture_missing_from_storage_leaves_the_pdf_without_it_and_nothing_else_changes(tmp_path, request_th):
    item = make_item(title="Drying fish")
    asset = stored_jpeg(item, widths=(640,))
    public_storage.delete(asset.derivatives.get().path)
    text = pdf_text(handout_pdf(make_kit(item), request_th, "en"), tmp_path)
    assert "Drying fish" in text and pdf_images(handout_pdf(make_kit(item), request_th, "en"), tmp_path) == []
