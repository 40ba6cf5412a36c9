"""What a printed page carries of the addresses it names: a short address a reader can type, and a QR code a phone
can scan. Used by the print-only header of exhibit and kit pages and by the kit handout.

The QR code is inline SVG made by segno: no image request, nothing to fetch offline, and no style attribute (the
Content-Security-Policy forbids inline styles); its size comes from the stylesheet, through its `qr` class.
"""

from urllib.parse import urlsplit

import segno
from django.utils.encoding import uri_to_iri
from django.utils.safestring import SafeString, mark_safe


def short_address(url: str) -> str:
    """`url` as a reader types it: no scheme, no "www.", letters of any script as letters rather than %-codes, and
    no trailing slash ("https://archive.example.org/th/items/MLH-1/" -> "archive.example.org/th/items/MLH-1")."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    rest = parts.path.rstrip("/") or ""
    if parts.query:
        rest += "?" + parts.query
    return uri_to_iri(host + rest)


def qr_svg(url: str) -> SafeString:
    """A QR code of `url` as an inline <svg> element, sized by its viewBox (class "qr"). Medium error correction,
    so a creased or smudged handout still scans. An address longer than a QR code holds gets none ("")."""
    try:
        code = segno.make(url, error="m", micro=False)
    except segno.DataOverflowError:
        return mark_safe("")
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass="qr-modules")
    # Safe as it is: segno writes numbers and the class names above; the address is in the modules, not in text.
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
