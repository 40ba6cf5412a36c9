"""The admin's picker for items and files: search as you type, results with a thumbnail and the title in the
curator's language. Results go through the access policy, and thumbnails are addresses of the access-checking
media view, so a curator sees only what they may see anywhere else."""

from django import forms
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from archive.languages import field_names
from archive.models import Asset, Item
from media_pipeline.models import Derivative

PAGE_SIZE = 20
THUMBNAIL_ROLES = (Derivative.Role.IMAGE, Derivative.Role.POSTER)
FILE_KINDS = {"images": (Asset.Kind.IMAGE,), "recordings": (Asset.Kind.AUDIO, Asset.Kind.VIDEO)}


def _thumbnails():
    return Prefetch("derivatives", queryset=Derivative.objects.filter(role__in=THUMBNAIL_ROLES)
                    .order_by("role", "width", "pk"), to_attr="thumbnails")


def _thumbnail_of(assets):
    """The smallest picture among the files (their images first, then video posters), or ""."""
    pictures = [d for asset in assets for d in asset.thumbnails]
    pictures.sort(key=lambda d: (d.role != Derivative.Role.IMAGE, d.width or 0))
    return pictures[0].url if pictures else ""


def item_label(item):
    return f"{item.display_title()} · {item.accession_number}"


def file_label(asset):
    return f"{asset.item.display_title()} · {asset.get_kind_display()} {asset.position + 1} · {asset.item.accession_number}"


def items_found(user, query):
    items = Item.objects.visible_to(user).order_by("accession_number")
    if query:
        items = items.filter(Q(accession_number__icontains=query)
                             | Q(*(Q(**{f"{name}__icontains": query}) for name in field_names("title")), _connector=Q.OR))
    assets = Asset.objects.visible_to(user).order_by("position", "pk").prefetch_related(_thumbnails())
    return items.prefetch_related(Prefetch("assets", queryset=assets, to_attr="picked_assets"))


def files_found(user, query, kinds):
    files = (Asset.objects.visible_to(user).filter(kind__in=kinds).select_related("item")
             .prefetch_related(_thumbnails()).order_by("item__accession_number", "position", "pk"))
    if query:
        files = files.filter(Q(item__accession_number__icontains=query)
                             | Q(*(Q(**{f"item__{name}__icontains": query}) for name in field_names("title")),
                                 _connector=Q.OR))
    return files


def picker_view(request):
    """JSON in the shape the admin's select2 reads: {"results": [{id, text, thumb}], "pagination": {"more"}}."""
    source, query = request.GET.get("for", ""), request.GET.get("q", "").strip()[:200]
    page_text = request.GET.get("page", "")
    page = max(1, int(page_text)) if page_text.isascii() and page_text.isdigit() and len(page_text) < 6 else 1
    if source == "items":
        found = items_found(request.user, query)
        start = (page - 1) * PAGE_SIZE
        rows = [{"id": i.pk, "text": item_label(i), "thumb": _thumbnail_of(i.picked_assets)}
                for i in found[start:start + PAGE_SIZE + 1]]
    elif source in FILE_KINDS:
        found = files_found(request.user, query, FILE_KINDS[source])
        start = (page - 1) * PAGE_SIZE
        rows = [{"id": a.pk, "text": file_label(a), "thumb": _thumbnail_of([a])}
                for a in found[start:start + PAGE_SIZE + 1]]
    else:
        raise Http404("No such picker.")
    return JsonResponse({"results": rows[:PAGE_SIZE], "pagination": {"more": len(rows) > PAGE_SIZE}})


class PickerSelect(forms.Select):
    """A choice of an item ("items") or a file ("images", "recordings") by searching as you type. Without
    JavaScript it is a list holding the current choice only."""

    def __init__(self, source, attrs=None, *, viewer=None):
        super().__init__(attrs)
        self.source = source
        self.viewer = viewer  # who the page is for: a chosen record they may not see is not named
        self.known = None  # labels worked out beforehand for many widgets at once (chosen_labels)

    class Media:
        css = {"all": ["admin/css/vendor/select2/select2.min.css", "css/admin-picker.css"]}
        js = ["admin/js/vendor/jquery/jquery.min.js", "admin/js/vendor/select2/select2.full.min.js",
              "admin/js/jquery.init.js", "js/admin-picker.js"]

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs.update({"class": "archive-picker", "data-picker-url": f"{reverse('admin_picker')}?for={self.source}",
                      "data-placeholder": str(_("Type a title or an accession number")),
                      "data-allow-clear": "true" if not self.is_required else "false"})
        return attrs

    def optgroups(self, name, value, attrs=None):
        chosen = {int(v) for v in value if str(v).isascii() and str(v).isdigit()}  # ids only, whatever was sent
        options = [self.create_option(name, "", "", not chosen, 0)] if not self.is_required or not chosen else []
        known = self.known if self.known is not None and chosen <= self.known.keys() else None
        if known is None:
            known = chosen_labels(self.choices.queryset.filter(pk__in=chosen) if chosen else
                                  self.choices.queryset.none(), viewer=self.viewer)
        for index, pk in enumerate(sorted(chosen & known.keys()), start=1):
            label, thumb = known[pk]
            option = self.create_option(name, pk, label, True, index)
            option["attrs"]["data-thumb"] = thumb
            options.append(option)
        return [(None, options, 0)]


def chosen_labels(queryset, *, viewer=None):
    """{id: (label, thumbnail)} for chosen items or files, in a few queries however many; a record `viewer` may not
    see is not named."""
    if queryset.model is Asset:
        queryset = queryset.select_related("item").prefetch_related(_thumbnails())
        labels = {a.pk: (file_label(a), _thumbnail_of([a])) for a in queryset}
    else:
        queryset = queryset.prefetch_related(Prefetch("assets", queryset=Asset.objects.order_by("position", "pk")
                                                      .prefetch_related(_thumbnails()), to_attr="picked_assets"))
        labels = {i.pk: (item_label(i), _thumbnail_of(i.picked_assets)) for i in queryset}
    if viewer is not None:
        visible = set(queryset.model.objects.visible_to(viewer).filter(pk__in=labels).values_list("pk", flat=True))
        unseen = _("a record you may not see (%(id)s)")
        labels = {pk: shown if pk in visible else (unseen % {"id": pk}, "") for pk, shown in labels.items()}
    return labels
