"""Which sources' files may leave the archive as copies: in the offline pack and printed into the handout's PDF.

The web pages show what the access policy allows; a copy on a USB stick or on paper goes further, so it also
needs the rights holder's word that a copy may travel to a class.
"""

from archive.models import Item

# Rights statements under which a small copy may travel to a class without a licence: the rights holder allows
# educational or non-commercial use, or the work is free of copyright (whatever other restrictions a No Copyright
# statement names, they are not copyright's).
COPYABLE_RIGHTS = frozenset({
    Item.Rights.IN_COPYRIGHT_EDU, Item.Rights.IN_COPYRIGHT_NC,
    Item.Rights.NO_COPYRIGHT_CR, Item.Rights.NO_COPYRIGHT_NC, Item.Rights.NO_COPYRIGHT_OKLR,
    Item.Rights.NO_COPYRIGHT_US, Item.Rights.NO_KNOWN_COPYRIGHT,
})


def may_copy(*, rights: str, licence: str) -> bool:
    """Whether the offline pack may carry a small rendition of a source's files, rather than a link to it.

    A Creative Commons licence of the catalogue (CC0 and CC BY with any of SA, NC and ND) allows it: a class
    using a copy is non-commercial, and a smaller rendition of the same work is a copy, not an adaptation.
    Without a licence the rights statement decides: In Copyright with educational or non-commercial use
    permitted, any No Copyright statement, and No Known Copyright allow it. Plain In Copyright, rights holders
    unlocatable, an EU orphan work, copyright not evaluated or undetermined, and no statement at all allow only a
    link: nobody has said a copy may leave the archive.
    """
    if licence and licence in Item.Licence.values:
        return True
    return rights in COPYABLE_RIGHTS
