"""The printable handout of a kit: one standalone HTML document, shown as the handout page, packed into the offline
pack, and rendered to PDF by WeasyPrint.

It carries the kit's teaching texts, then each source the classroom rule lets through (lessons/contents.py), as
every kit surface describes it (lessons/sources.py): a small picture, the transcript excerpt, the teacher's note,
three citations, the rights statement and licence, and the source's address short enough to type and as a QR code.
Sources left out are counted, never named.

WeasyPrint reads nothing by itself: the stylesheet is handed to it, and the only files it may fetch are the
pictures this handout shows, read through the storage API (a local folder or object storage), never the network.
The Noto fonts of Thai, Burmese, Khmer and Lao come from the machine's fontconfig (fonts-noto-core).
"""

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from archive.languages import text_language
from exhibits.printing import qr_svg, short_address

from .contents import kit_contents
from .copying import may_copy
from .lookup import find_kit, kit_url
from .models import QUESTION_FIELDS, Kit
from .page_texts import shown_in
from .sources import SourceView, describe

STYLESHEET = "css/handout.css"
# A picture prints about 9 cm wide: 600 pixels give it 170 dots per inch, enough for a photocopier, and the
# smallest rendition at least this wide keeps the PDF small enough to send to a school's printer by phone.
PRINT_WIDTH = 600


@dataclass
class KitText:
    """One of the kit's teaching texts in the reader's language, or the language it falls back to (`lang`)."""

    text: str
    lang: str

    @property
    def lines(self):
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    def __bool__(self):
        return bool(self.text.strip())


@dataclass
class PrintedSource:
    view: SourceView
    image: str  # the address of the picture printed for it, "" for none
    image_name: str  # that picture's name in storage
    short_address: str
    qr: str


def kit_text(kit: Kit, base: str, language: str) -> KitText:
    """A kit text as the kit page finds it (reader's language, the kit's own, English, any), with its language, so
    the handout can mark it with `lang` and the right font and line breaking apply."""
    column = shown_in(kit, base, text_language(language))
    return KitText(column.text, column.language)


def print_rendition(picture) -> tuple[str, str]:
    """(address, storage name) of the smallest rendition of `picture` at least PRINT_WIDTH wide, else its largest;
    ("", "") when the source has no picture. JPEG (the fallback type) rather than WebP: PDFs keep JPEG as it is."""
    if not picture:
        return "", ""
    sizes = []
    for entry in picture.srcset.split(","):
        url, _, width = entry.strip().rpartition(" ")
        if url and width.endswith("w") and width[:-1].isdigit():
            sizes.append((int(width[:-1]), url))
    sizes.sort()
    url = next((u for w, u in sizes if w >= PRINT_WIDTH), sizes[-1][1] if sizes else picture.src)
    return url, storage_name(url)


def storage_name(url: str) -> str:
    """The name in public storage of a derivative at `url` (MEDIA_URL + its path), "" for any other address."""
    if not url.startswith(settings.MEDIA_URL):
        return ""
    name = unquote(url.removeprefix(settings.MEDIA_URL))
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or any(part in ("..", ".") for part in parts):
        return ""
    return name


def handout_context(kit: Kit, request, language: str, *, image_src=None) -> dict:
    """Everything the handout template shows. `image_src(storage name) -> address` lets a copy of the handout point
    at its own copies of the pictures (the offline pack); by default they are the archive's addresses."""
    contents = kit_contents(kit)
    printed = []
    for view in describe(contents, request, language):
        # The PDF is a copy that travels (printed, packed): a picture only where the rights allow a copy.
        copyable = view.kind != "exhibit" and may_copy(rights=view.source.item.rights,
                                                        licence=view.source.item.licence)
        url, name = print_rendition(view.picture) if copyable else ("", "")
        if name and image_src is not None:
            url = image_src(name)
        printed.append(PrintedSource(view=view, image=url if name else "", image_name=name,
                                     short_address=short_address(view.url), qr=qr_svg(view.url)))
    address = request.build_absolute_uri(kit_url(kit))
    texts = {base: kit_text(kit, base, language) for base in
             ("title", "summary", "objectives", "activities", "vocabulary", "advisories", *QUESTION_FIELDS)}
    return {
        "kit": kit, "language": language, "texts": texts, "sources": printed, "removed": contents.removed,
        "questions": [(label, texts[base]) for label, base in zip(QUESTION_LABELS, QUESTION_FIELDS, strict=True)
                      if texts[base]],
        "address": address, "short_address": short_address(address), "qr": qr_svg(address),
    }


# Headings of the three kinds of guiding questions, in QUESTION_FIELDS' order.
QUESTION_LABELS = (translation.gettext_lazy("Observe"), translation.gettext_lazy("Reflect"),
                   translation.gettext_lazy("Question"))


def handout_html(kit: Kit, request, language: str, *, image_src=None, stylesheet: str | None = "site") -> str:
    """The handout as a standalone HTML document in `language`. `stylesheet` is the address of its stylesheet:
    "site" for the archive's own (static/css/handout.css, and a link to the PDF), another address for a copy of
    it, or None for none (the PDF is given it directly)."""
    return _render(handout_context(kit, request, language, image_src=image_src), stylesheet)


def _render(context: dict, stylesheet: str | None) -> str:
    context["stylesheet"] = static(STYLESHEET) if stylesheet == "site" else stylesheet
    context["pdf_url"] = kit_url(context["kit"], "handout_pdf") if stylesheet == "site" else ""
    with translation.override(context["language"]):
        return render_to_string("lessons/handout.html", context)


def handout_stylesheet() -> str:
    """The text of static/css/handout.css, for WeasyPrint and for copies of the handout."""
    path = finders.find(STYLESHEET)
    if not path:
        raise ImproperlyConfigured(f"The handout stylesheet {STYLESHEET} is missing from the static files.")
    with open(path, encoding="utf-8") as stylesheet:
        return stylesheet.read()


def handout_pdf(kit: Kit, request, language: str) -> bytes:
    """The handout rendered to PDF by WeasyPrint (A4, pictures from storage, fonts from fontconfig)."""
    from .pdf import render_pdf  # loads WeasyPrint and Pango: only in a process that makes a PDF

    base_url = request.build_absolute_uri("/")
    context = handout_context(kit, request, language)
    html = _render(context, stylesheet=None)
    pictures = {urljoin(base_url, source.image): source.image_name for source in context["sources"] if source.image}
    return render_pdf(html, stylesheet=handout_stylesheet(), base_url=base_url, pictures=pictures)


def _private_if_personal(response, request, kit):
    if kit.owner_id is not None or request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


def handout_page(request, slug=None, token=None):
    """The handout as a page to print from the browser (or to read on a phone), with a link to the PDF."""
    kit = find_kit(request, slug=slug, token=token)
    html = handout_html(kit, request, get_language())
    return _private_if_personal(HttpResponse(html), request, kit)


def handout_pdf_download(request, slug=None, token=None):
    """The handout as a PDF file named after the kit's address (letters of any script kept, RFC 6266)."""
    kit = find_kit(request, slug=slug, token=token)
    response = HttpResponse(handout_pdf(kit, request, get_language()), content_type="application/pdf")
    response["Content-Disposition"] = attachment_header(f"{kit.slug}.pdf")
    return _private_if_personal(response, request, kit)


def attachment_header(filename: str) -> str:
    """Content-Disposition for a download named `filename`: an ASCII name for old clients, and the real one in
    filename* (UTF-8, %-encoded) for every browser, so a Thai or Burmese slug stays readable."""
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in filename)
    if fallback.strip("_.") in ("", "pdf"):
        fallback = "handout.pdf"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
