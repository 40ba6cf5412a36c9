"""The public site's pages. Every list and every record goes through the access policy.

A page built for someone whose permissions show more than the public sees (hidden items, staff-only texts, draft
exhibits) is marked private, so no shared cache keeps it and hands it to the next visitor; public pages built for
the public keep their caching.
"""

from functools import wraps

from csp.decorators import csp_replace
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.clickjacking import xframe_options_sameorigin

from archive.access import has_permission, sees_more_than_the_public
from archive.models import Item

from .browse import active_filters, browse_counts, filter_items
from .exhibit_pages import covers_for, exhibit_blocks
from .item_pages import item_context, item_for
from .models import Exhibit
from .players import assets_prefetch
from .structured_data import exhibit_data

# static/js/hls-player.js plays a stream through Media Source Extensions, whose address is a blob: URL; only a page
# that loads it allows one, and only for media.
STREAM_MEDIA = {"media-src": ["blob:"]}
RECENT_ITEMS = 8
PAGE_SIZE = 24


# Permissions that put a tool of its holder's own on the item and exhibit pages: a teacher's "add to kit" form lists
# their kits, so a page built for them is theirs alone.
OWN_TOOLS = ("lessons.build_own_kit",)


def private_to_permitted(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (sees_more_than_the_public(request.user)
                or any(has_permission(request.user, permission) for permission in OWN_TOOLS)):
            patch_cache_control(response, private=True, max_age=0)
            patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped


def _may_name_a_record(text):
    """Whether an address part could name an exhibit or an item: short, and without a NUL byte (PostgreSQL refuses
    one in any query). Anything else is simply not found."""
    return len(text) <= 200 and "\x00" not in text


def _cards(items, user):
    return items.select_related(None).prefetch_related(assets_prefetch(user))


@private_to_permitted
def home(request):
    exhibits = list(Exhibit.objects.public().featured()[:3]) or list(Exhibit.objects.public()[:3])
    items = _cards(Item.objects.visible_to(request.user).order_by("-pk"), request.user)  # newest first, by index
    return render(request, "exhibits/home.html", {
        "exhibits": exhibits, "covers": covers_for(exhibits, request.user), "items": items[:RECENT_ITEMS]})


@private_to_permitted
def exhibit_list(request):
    exhibits = list(Exhibit.objects.public())
    return render(request, "exhibits/exhibit_list.html", {
        "exhibits": exhibits, "covers": covers_for(exhibits, request.user)})


@private_to_permitted
def exhibit_detail(request, slug):
    exhibit = Exhibit.objects.visible_to(request.user).filter(slug=slug).first() if _may_name_a_record(slug) else None
    if exhibit is None:
        raise Http404("No such exhibit")
    return _exhibit_page(request, exhibit)


@private_to_permitted
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": ["'self'"]})
def exhibit_preview(request, pk):
    """The exhibit as its page shows it, draft or not, framed in the exhibit builder; reached through the admin
    (staff only), and a draft only for people who may view exhibits, as on its own address."""
    exhibit = Exhibit.objects.visible_to(request.user).filter(pk=pk).first() if str(pk).isdigit() else None
    if exhibit is None:
        raise Http404("No such exhibit")
    return _exhibit_page(request, exhibit)


def _exhibit_page(request, exhibit):
    language = translation.get_language()
    cover = covers_for([exhibit], request.user).get(exhibit.pk)
    url = request.build_absolute_uri(exhibit.get_absolute_url())
    blocks = exhibit_blocks(exhibit, request.user, language)
    item_urls = sorted({request.build_absolute_uri(e.item.get_absolute_url()) for b in blocks for e in b.entries})
    image = request.build_absolute_uri(cover.src) if cover else ""
    return render(request, "exhibits/exhibit_detail.html", {
        "exhibit": exhibit, "cover": cover, "blocks": blocks, "preview": not exhibit.is_public(), "page_url": url,
        "og_image": image,
        "json_ld": exhibit_data(exhibit=exhibit, title=exhibit.display_title(), summary=exhibit.display_summary(),
                                url=url, image=image, item_urls=item_urls, language=language)})


@private_to_permitted
def item_detail(request, accession):
    item = item_for(accession, request.user) if _may_name_a_record(accession) else None
    if item is None:
        raise Http404("No such item")
    context = item_context(request, item)
    response = render(request, "exhibits/item_detail.html", context)
    if context["streams"]:
        response._csp_update = STREAM_MEDIA  # django-csp's per-response update, as its csp_update decorator sets
    return response


@private_to_permitted
def browse(request):
    visible = Item.objects.visible_to(request.user)
    facet_lists, total = browse_counts(user=request.user, params=request.GET, language=translation.get_language())
    items = _cards(filter_items(visible, request.GET).order_by("-date_lower", "accession_number"), request.user)
    paginator = Paginator(items, PAGE_SIZE)
    paginator.count = total  # counted with the facets
    page = paginator.get_page(request.GET.get("page"))
    rest = request.GET.copy()
    rest.pop("page", None)
    return render(request, "exhibits/browse.html", {
        "facets": facet_lists, "page": page, "active": active_filters(request.GET, facet_lists),
        "query": rest.urlencode()})
