"""The item form's sections for artworks, music and performances."""

from django.utils.translation import gettext_lazy as _

from .languages import field_names


def art_fieldsets():
    """The item form's sections for an artwork (medium, support, dimensions) and for music and performance
    (tradition, occasion); the makers and performers, with their parts, are in the people below."""
    return [
        (_("Artwork: medium, support, dimensions"), {
            "fields": [tuple(field_names("medium")), tuple(field_names("support")), "dimensions"],
            "classes": ["collapse"]}),
        (_("Music and performance: tradition and occasion"), {
            "fields": ["tradition", tuple(field_names("occasion"))], "classes": ["collapse"]}),
    ]

