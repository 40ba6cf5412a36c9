"""The "add to kit" form on item and exhibit pages, for teachers only (`lessons.build_own_kit`).

Nothing is asked of the database for anyone else, so the pages keep their query counts and their caching for the
public; the pages themselves mark a teacher's copy private (exhibits.views.private_to_permitted).
"""

from django import template

from archive.access import has_permission

from ..building import PERMISSION, own_kits
from ..contents import PLAYABLE, classroom_items
from ..teacher_forms import AddToKitForm

register = template.Library()


@register.inclusion_tag("lessons/mine/add_to_kit.html", takes_context=True)
def add_to_kit(context, item=None, exhibit=None):
    request = context["request"]
    if not has_permission(request.user, PERMISSION):
        return {"shown": False}
    if item is not None:
        allowed = classroom_items([item.pk]).exists()
        clips = allowed and any(asset.kind in PLAYABLE for asset in getattr(item, "visible_assets", []))
    else:
        allowed, clips = exhibit.is_public(), False
    form = AddToKitForm(kits=own_kits(request.user), item=item, exhibit=exhibit, clips=clips) if allowed else None
    return {"shown": True, "allowed": allowed, "form": form, "item": item, "exhibit": exhibit,
            "next": request.get_full_path(), "request": request, "csrf_token": context.get("csrf_token"),
            "messages": context.get("messages")}
