"""Rights statements and licences named in the reader's language. The catalogue stores the rightsstatements.org
address and the SPDX-style licence code; these are the names a visitor reads beside them."""

from django.utils.translation import gettext_lazy as _

RIGHTS_NAMES = {
    "http://rightsstatements.org/vocab/InC/1.0/": _("In Copyright"),
    "http://rightsstatements.org/vocab/InC-EDU/1.0/": _("In Copyright – Educational Use Permitted"),
    "http://rightsstatements.org/vocab/InC-NC/1.0/": _("In Copyright – Non-Commercial Use Permitted"),
    "http://rightsstatements.org/vocab/InC-RUU/1.0/": _("In Copyright – Rights-holder(s) Unlocatable"),
    "http://rightsstatements.org/vocab/InC-OW-EU/1.0/": _("In Copyright – EU Orphan Work"),
    "http://rightsstatements.org/vocab/NoC-CR/1.0/": _("No Copyright – Contractual Restrictions"),
    "http://rightsstatements.org/vocab/NoC-NC/1.0/": _("No Copyright – Non-Commercial Use Only"),
    "http://rightsstatements.org/vocab/NoC-OKLR/1.0/": _("No Copyright – Other Known Legal Restrictions"),
    "http://rightsstatements.org/vocab/NoC-US/1.0/": _("No Copyright – United States"),
    "http://rightsstatements.org/vocab/CNE/1.0/": _("Copyright Not Evaluated"),
    "http://rightsstatements.org/vocab/UND/1.0/": _("Copyright Undetermined"),
    "http://rightsstatements.org/vocab/NKC/1.0/": _("No Known Copyright"),
}

LICENCE_NAMES = {
    "": _("No licence (all rights reserved)"),
    "CC0-1.0": _("CC0 1.0 (public domain dedication)"),
    "CC-BY-4.0": _("CC BY 4.0 (Attribution)"),
    "CC-BY-SA-4.0": _("CC BY-SA 4.0 (Attribution, ShareAlike)"),
    "CC-BY-NC-4.0": _("CC BY-NC 4.0 (Attribution, NonCommercial)"),
    "CC-BY-NC-SA-4.0": _("CC BY-NC-SA 4.0 (Attribution, NonCommercial, ShareAlike)"),
    "CC-BY-ND-4.0": _("CC BY-ND 4.0 (Attribution, NoDerivatives)"),
    "CC-BY-NC-ND-4.0": _("CC BY-NC-ND 4.0 (Attribution, NonCommercial, NoDerivatives)"),
}


def rights_name(rights: str) -> str:
    """The rights statement at this rightsstatements.org address, in the page's language."""
    return str(RIGHTS_NAMES.get(rights, rights))


def licence_name(licence: str) -> str:
    """The licence with this code, in the page's language; an unknown code as it is."""
    return str(LICENCE_NAMES.get(licence, licence))
