"""A teacher's own kits, under /lessons/mine/: list, make, write, order the sources, share by link, delete.

Everything here needs `lessons.build_own_kit` (the Teachers role), and a teacher only ever finds their own kits:
another teacher's kit is not found (404). Every page is the teacher's alone, so none is kept by a shared cache.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive.access import has_permission
from archive.languages import field_name

from .building import (PERMISSION, addable_exhibit, addable_item, kit_add_source, kit_create, kit_move_source,
                       kit_renew_share_link, own_kits, recording_length)
from .lookup import kit_url
from .teacher_forms import AddToKitForm, PairForm, SourceForm, kit_form_class, language_pair


def teachers_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("account_login"))
        if not has_permission(request.user, PERMISSION):
            raise PermissionDenied
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True, max_age=0)
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapped


def _own_kit(request, pk):
    return get_object_or_404(own_kits(request.user), pk=pk)


def _share_url(request, kit):
    return request.build_absolute_uri(kit_url(kit))


@teachers_only
def kit_list(request):
    kits = own_kits(request.user).annotate(source_count=Count("sources"))
    return render(request, "lessons/mine/list.html", {
        "kits": [(kit, _share_url(request, kit)) for kit in kits]})


@teachers_only
def kit_new(request):
    pair = language_pair(request.GET)
    form = kit_form_class(pair)(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        kit = form.save(commit=False)
        written = [code for code in pair if getattr(kit, field_name("title", code))]
        kit_create(teacher=request.user, kit=kit, language=written[0])
        messages.success(request, _("Your kit is made. Add sources to it from any item or exhibit page."))
        return redirect(_edit_url(kit, pair))
    status = 400 if form.is_bound else 200
    return render(request, "lessons/mine/edit.html", _edit_context(request, None, pair, form), status=status)


def _edit_url(kit, pair):
    return f"{reverse('lessons:mine_edit', kwargs={'pk': kit.pk})}?a={pair[0]}&b={pair[1]}"


def _edit_context(request, kit, pair, form, *, source_forms=None):
    context = {"kit": kit, "form": form, "pair": pair,
               "pair_form": PairForm(initial={"a": pair[0], "b": pair[1]}), "query": f"?a={pair[0]}&b={pair[1]}"}
    if kit is not None:
        source_forms = source_forms or {}
        sources = list(kit.sources.select_related("item", "exhibit"))
        context.update(
            share_url=_share_url(request, kit),
            sources=[source_forms.get(source.pk) or SourceForm(source=source, pair=pair) for source in sources])
    return context


@teachers_only
def kit_edit(request, pk):
    kit = _own_kit(request, pk)
    pair = language_pair(request.GET, kit)
    form = kit_form_class(pair)(request.POST if request.method == "POST" else None, instance=kit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your changes are saved."))
        return redirect(_edit_url(kit, pair))
    status = 400 if form.is_bound else 200
    return render(request, "lessons/mine/edit.html", _edit_context(request, kit, pair, form), status=status)


@teachers_only
@require_POST
def source_change(request, pk, source_pk):
    """One source's buttons: move it earlier or later, remove it, or save its clip times and note."""
    kit = _own_kit(request, pk)
    source = get_object_or_404(kit.sources.select_related("item", "kit"), pk=source_pk)
    pair = language_pair(request.GET, kit)
    action = request.POST.get("action")
    if action in ("up", "down"):
        kit_move_source(source=source, by=-1 if action == "up" else 1)
    elif action == "remove":
        source.delete()
        kit.save(update_fields=["updated_at"])
        messages.success(request, _("The source is removed from the kit."))
    elif action == "save":
        form = SourceForm(request.POST, source=source, pair=pair)
        if not form.is_valid():
            context = _edit_context(request, kit, pair, kit_form_class(pair)(instance=kit),
                                    source_forms={source.pk: form})
            return render(request, "lessons/mine/edit.html", context, status=400)
        form.save()
        messages.success(request, _("Your changes are saved."))
    else:
        return render(request, "lessons/mine/refused.html", {"reason": _("That button is not known.")}, status=400)
    return redirect(f"{_edit_url(kit, pair)}#sources")


@teachers_only
@require_POST
def share_link_renew(request, pk):
    kit = _own_kit(request, pk)
    kit_renew_share_link(kit=kit)
    messages.success(request, _("The kit has a new link. The old link no longer opens it."))
    return redirect(f"{_edit_url(kit, language_pair(request.GET, kit))}#share")


@teachers_only
def kit_delete(request, pk):
    kit = _own_kit(request, pk)
    if request.method == "POST":
        title = str(kit)
        kit.delete()
        messages.success(request, _("The kit “%(title)s” is deleted.") % {"title": title})
        return redirect("lessons:mine")
    return render(request, "lessons/mine/delete.html", {"kit": kit})


@teachers_only
def add_to_kit(request):
    """Add the item or exhibit named by `item` (accession number) or `exhibit` (slug) to one of the teacher's
    kits or a new one. The pages' small form posts here; this page shows the form again with what was wrong."""
    data = request.POST if request.method == "POST" else request.GET
    accession, slug = (_name(data.get("item", "")), _name(data.get("exhibit", "")))
    item = addable_item(accession) if accession else None
    exhibit = addable_exhibit(slug) if slug and not accession else None
    if item is None and exhibit is None:
        return render(request, "lessons/mine/refused.html", {"reason": _(
            "This cannot be added to a lesson kit: a kit holds only items and exhibits that anyone may see and "
            "that their people agreed may be used in classrooms.")}, status=400)
    clips = bool(item) and _plays(item)
    form = AddToKitForm(request.POST if request.method == "POST" else None, kits=own_kits(request.user),
                        item=item, exhibit=exhibit, clips=clips)
    back = data.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = (item or exhibit).get_absolute_url()
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            kit = form.chosen_kit() or kit_create(
                teacher=request.user, title=form.cleaned_data["title"] or (item or exhibit).display_title())
            kit_add_source(kit=kit, item=item, exhibit=exhibit,
                           start=form.cleaned_data.get("start"), end=form.cleaned_data.get("end"))
        messages.success(request, _("Added to your kit “%(title)s”.") % {"title": kit})
        return redirect(back)
    return render(request, "lessons/mine/add.html", {
        "form": form, "item": item, "exhibit": exhibit, "next": back,
        "source_title": (item or exhibit).display_title()}, status=400 if form.is_bound else 200)


def _name(text):
    """An accession number or slug from a form, or "" for one no record could have: too long, or with a NUL byte
    (PostgreSQL refuses one in any query)."""
    return text if len(text) <= 200 and "\x00" not in text else ""


def _plays(item):
    return recording_length(item) != 0
