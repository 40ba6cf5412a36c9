from django.http import Http404
from django.shortcuts import render

from archive.models import Item


def home(request):
    items = Item.objects.visible_to(request.user).order_by("-updated_at")[:12]
    return render(request, "exhibits/home.html", {"items": items})


def item_detail(request, accession):
    item = Item.objects.visible_to(request.user).filter(accession_number=accession).first()
    if item is None:
        raise Http404("No such item")
    return render(request, "exhibits/item_detail.html", {"item": item})
