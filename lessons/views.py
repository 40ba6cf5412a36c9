"""The public pages of lesson kits: the list of published kits and a kit's own page."""

from django.shortcuts import render
from django.utils.translation import get_language

from .contents import kit_contents
from .lookup import find_kit
from .models import Kit


def kit_list(request):
    kits = Kit.objects.public()
    return render(request, "lessons/kit_list.html", {"kits": kits, "language": get_language()})


def kit_page(request, slug=None, token=None):
    kit = find_kit(request, slug=slug, token=token)
    return render(request, "lessons/kit.html", {"kit": kit, "contents": kit_contents(kit),
                                                "language": get_language()})
