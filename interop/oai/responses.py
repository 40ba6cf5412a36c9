"""OAI-PMH response documents, written with the standard library's ElementTree."""

import re
import xml.etree.ElementTree as ET

from django.utils import timezone

from .dublin_core import DC, OAI_DC, OAI_DC_SCHEMA, XML_LANG
from .protocol import format_datestamp

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"

# Characters XML 1.0 cannot carry (a stray control character pasted from a spreadsheet would break the document).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

for _prefix, _uri in (("", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(_prefix, _uri)


def _q(name):
    return f"{{{OAI}}}{name}"


def sub(parent, name, text=None, **attributes):
    element = ET.SubElement(parent, _q(name), {k: str(v) for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = _NOT_XML.sub("", str(text))
    return element


def envelope(base_url, *, verb=None, arguments=None):
    """The OAI-PMH root with responseDate and request; `arguments` are echoed only for a request without
    badVerb or badArgument errors, as the protocol asks."""
    root = ET.Element(_q("OAI-PMH"), {f"{{{XSI}}}schemaLocation": f"{OAI} {OAI_SCHEMA}"})
    sub(root, "responseDate", format_datestamp(timezone.now()))
    echoed = {"verb": verb, **(arguments or {})} if verb else {}
    sub(root, "request", base_url, **echoed)
    return root


def error(root, code, message):
    sub(root, "error", message, code=code)
    return root


def header(parent, *, identifier, datestamp, set_specs=(), deleted=False):
    element = sub(parent, "header", status="deleted" if deleted else None)
    sub(element, "identifier", identifier)
    sub(element, "datestamp", format_datestamp(datestamp))
    for spec in set_specs:
        sub(element, "setSpec", spec)
    return element


def oai_dc(parent, elements):
    """<oai_dc:dc> with the (name, text, xml:lang) elements of interop.oai.dublin_core."""
    dc = ET.SubElement(parent, f"{{{OAI_DC}}}dc", {f"{{{XSI}}}schemaLocation": f"{OAI_DC} {OAI_DC_SCHEMA}"})
    for name, text, language in elements:
        element = ET.SubElement(dc, f"{{{DC}}}{name}", {XML_LANG: language} if language else {})
        element.text = _NOT_XML.sub("", text)
    return dc


def resumption_token(parent, token, *, total, cursor):
    return sub(parent, "resumptionToken", token or None, completeListSize=total, cursor=cursor)


def serialise(root):
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
