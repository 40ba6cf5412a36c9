"""What each column of the catalogue spreadsheet holds, in the curator's language: the template spreadsheet the
import page offers (one example row, headers in the curator's language) and the page that explains the columns
are both built from this table and from `COLUMNS`, so neither can leave a column out (tests/archive/
test_spreadsheet_guide.py fails when a column has no entry here)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .languages import LANGUAGES
from .spreadsheet import COLUMNS


@dataclass(frozen=True)
class ColumnGuide:
    name: str  # as the import reads it
    label: str  # in the curator's language; the template's header, which the import also reads
    explanation: str
    example: str


# column -> (label, explanation, example cell); titles and descriptions in each language are added below.
GUIDE = {
    "accession_number": (gettext_lazy("accession number"), gettext_lazy(
        "Required. The item's unique number; a row updates the item with this number, or creates it."),
        "MLA-2024-0001"),
    "kind": (gettext_lazy("kind"), gettext_lazy(
        "oral_history, photograph, film, document, artwork, music or performance."), "oral_history"),
    "status": (gettext_lazy("workflow status"), gettext_lazy(
        "draft, in_review, published or withdrawn; empty means draft."), "published"),
    "date": (gettext_lazy("date (EDTF)"), gettext_lazy(
        "An EDTF date: 1995, 199X (the 1990s), 1995~ (about), 1990/1999, 2003-05, 2001-03-15."), "2019-04"),
    "places": (gettext_lazy("places"), gettext_lazy(
        "Place paths, largest first, separated by “;”. A path may end in a position, @latitude,longitude, kept "
        "for the admin and rounded on public maps."), "Thailand > Samut Sakhon > Mahachai @13.5475,100.2744"),
    "agents": (gettext_lazy("people and organisations"), gettext_lazy(
        "“role: Name” separated by “;”; roles: narrator, interviewer, filmmaker, photographer, translator, donor. "
        "Use the public display name."), "narrator: Ko Min; interviewer: Nok"),
    "subjects": (gettext_lazy("subjects"), gettext_lazy(
        "Subject terms by slug or title, separated by “;”. They must exist, or be created with the import by a "
        "curator allowed to."), "fishing"),
    "tags": (gettext_lazy("tags"), gettext_lazy("Free tags separated by “;”."), "boats; ประมง"),
    "languages": (gettext_lazy("languages"), gettext_lazy(
        "ISO 639-3 codes of the languages the item is in, separated by “;”: tha, mya, khm, lao, shn, kar…"),
        "mya; tha"),
    "rights": (gettext_lazy("rights statement"), gettext_lazy(
        "A rightsstatements.org URI or its short name: InC, InC-EDU, NoC-US, CNE…; empty means CNE."), "InC-EDU"),
    "licence": (gettext_lazy("licence"), gettext_lazy(
        "CC0-1.0, CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC-BY-NC-SA-4.0, CC-BY-ND-4.0 or CC-BY-NC-ND-4.0; empty "
        "means all rights reserved."), "CC-BY-NC-4.0"),
    "access": (gettext_lazy("access"), gettext_lazy(
        "Required: public, registered, staff or embargoed:YYYY-MM-DD (public by itself on that day)."), "public"),
    "collection": (gettext_lazy("collection"), gettext_lazy("A collection by slug or English title."),
                   "fisheries"),
    "media_files": (gettext_lazy("media files"), gettext_lazy(
        "Files to attach, named relative to the spreadsheet's folder, separated by “;”. In the admin, upload them "
        "with the spreadsheet."), "โกมิน.m4a"),
    "consent": (gettext_lazy("consent"), gettext_lazy(
        "“Name: uses (YYYY-MM-DD)” separated by “;”; uses: public web, exhibits, classroom, research. A withdrawal: "
        "(YYYY-MM-DD, withdrawn YYYY-MM-DD). An oral history is public only with a standing consent to public web "
        "use."), "Ko Min: public web, exhibits, classroom (2019-04-02)"),
    "staff_note": (gettext_lazy("staff note (never public)"), gettext_lazy(
        "A note for the catalogue team; never shown in public."), "Ask Ko Min before using the second half."),
    # Artworks, music and performances (archive/spreadsheet_works.py); medium, support and occasion per language
    # are added below.
    "dimensions": (gettext_lazy("dimensions"), gettext_lazy("As written on a label, with the unit: 60 × 90 cm."),
                   "60 × 90 cm"),
    "tradition": (gettext_lazy("genre or tradition"), gettext_lazy(
        "Music and performances: a genre or tradition by slug or by its name in any of the five languages; new "
        "ones are added in the admin first."), "karen"),
}
EXAMPLE_TEXT = {
    "title": {"en": "Working on the boats", "th": "ชีวิตบนเรือประมง", "my": "ငါးဖမ်းလှေပေါ်က ဘဝ",
              "km": "ជីវិតលើទូកនេសាទ", "lo": "ຊີວິດເທິງເຮືອຫາປາ"},
    "description": {"en": "Recorded in Mahachai.", "th": "บันทึกที่มหาชัย", "my": "မဟာချိုင်တွင် မှတ်တမ်းတင်သည်။",
                    "km": "ថតនៅម៉ាហាឆៃ។", "lo": "ບັນທຶກຢູ່ມະຫາໄຊ."},
    "medium": {"en": "acrylic", "th": "สีอะคริลิก", "my": "အခရီလစ်ဆေး", "km": "ពណ៌អាគ្រីលីក", "lo": "ສີອາຄຣີລິກ"},
    "support": {"en": "canvas", "th": "ผ้าใบ", "my": "ပတ္တူ", "km": "ក្រណាត់ផ្ទាំងគំនូរ", "lo": "ຜ້າໃບ"},
    "occasion": {"en": "Songkran at the learning centre", "th": "สงกรานต์ที่ศูนย์การเรียนรู้",
                 "my": "သင်ကြားရေးစင်တာရှိ သင်္ကြန်ပွဲ", "km": "បុណ្យចូលឆ្នាំនៅមជ្ឈមណ្ឌលសិក្សា",
                 "lo": "ບຸນປີໃໝ່ຢູ່ສູນການຮຽນຮູ້"},
}
TEXT_LABELS = {
    "title": gettext_lazy("title (%(language)s)"),
    "description": gettext_lazy("description (%(language)s)"),
    "medium": gettext_lazy("medium (%(language)s)"),
    "support": gettext_lazy("support (%(language)s)"),
    "occasion": gettext_lazy("occasion (%(language)s)"),
}


def _text_column(name):
    base, _sep, code = name.partition("_")
    language = next((language for language in LANGUAGES if language.code == (code or "en")), None)
    if base not in EXAMPLE_TEXT or language is None:
        return None
    label = str(TEXT_LABELS[base]) % {"language": language.name}
    explanation = (_("Required: the English title.") if name == "title"
                   else _("Line breaks are allowed.") if base == "description" else _("May be empty."))
    return ColumnGuide(name, label, explanation, EXAMPLE_TEXT[base][language.code])


def column_guide():
    """A ColumnGuide for every column the import reads, in its order, in the active language."""
    guides = []
    for name in COLUMNS:
        text = _text_column(name)
        if text is not None:
            guides.append(text)
        elif name in GUIDE:
            label, explanation, example = GUIDE[name]
            guides.append(ColumnGuide(name, str(label), str(explanation), example))
        else:  # a column with no entry yet: the test says so; the template still carries it
            guides.append(ColumnGuide(name, name, "", ""))
    return guides


def header_aliases():
    """{label in any of the five languages, casefolded: column}: the headers of a template downloaded in any
    language, which the import reads as the columns they stand for."""
    aliases = {}
    for language in LANGUAGES:
        with translation.override(language.code):
            for guide in column_guide():
                aliases.setdefault(guide.label.strip().casefold(), guide.name)
    return aliases
