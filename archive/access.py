"""The one access policy. Every public surface (pages, search and its index, sitemaps, feeds, exports,
thumbnails, media files) asks these methods who may see an item, and nothing else.

An item is visible to a member of the public when all of these hold:
- it is published (not draft, in review or withdrawn);
- its access level is public, or embargoed with the embargo's date reached (it lifts by itself), or registered
  and the visitor holds `archive.view_registered_item` (the Researchers group; a curator grants it, signing up
  is not enough);
- no consent record on it is withdrawn or leaves out public web use, or the further use asked for (an exhibit on
  this site is public web use and exhibit use at once);
- an oral history has at least one standing consent for those uses: a narrator's voice is never public by default;
- each minor among its people (a maker, performer, narrator...) has a standing consent for those uses given by a
  parent or guardian (`ConsentRecord.by_guardian`, recorded on the child's agent).

Off the item's own page (lists, search results, exhibits, feeds, the API, social previews), the files of an item
with a minor among its people are shown only when each minor's guardian consent also covers pictures in lists
(`ConsentRecord.covers_pictures_in_lists`): `AssetQuerySet.shown_in_lists`, `ItemQuerySet.with_list_pictures`.

Signed-in people see more only through the Django permissions the admin checks, never through `is_staff`: an item
hidden for any reason needs `archive.view_item` (or `archive.change_item`, which the admin also lets view), and so
does a file withheld on its own. Superusers hold every permission; inactive accounts hold none and see what the
public sees.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Self, TypeAlias

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .history import RecordedQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    # Who asks: a signed-in person, an anonymous visitor, or None for anyone on the internet (the search index).
    Visitor: TypeAlias = AbstractBaseUser | AnonymousUser | None

CONSENT_USES = ("public_web", "exhibits", "classroom", "research")
# Records whose view permission shows its holder something the public does not see, on some surface.
HIDDEN_RECORDS = ("archive.item", "oral_histories.transcript", "oral_histories.segment", "exhibits.exhibit")


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("public")
    REGISTERED = "registered", _("registered users")
    STAFF = "staff", _("staff only")
    EMBARGOED = "embargoed", _("embargoed until a date")


def has_permission(user: Visitor, permission: str) -> bool:
    """Whether `user` holds `permission` ("app_label.codename") and may use it: signed in and active. The
    admin asks the same question, so the public site shows a person what the admin would."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.has_perm(permission))


def may_view(user: Visitor, model: str) -> bool:
    """Whether the admin would show `user` the records of `model` ("app_label.model_name"): it asks for the view
    or the change permission (ModelAdmin.has_view_permission), and so does the public site."""
    app_label, name = model.split(".")
    return has_permission(user, f"{app_label}.view_{name}") or has_permission(user, f"{app_label}.change_{name}")


def sees_more_than_the_public(user: Visitor) -> bool:
    """Whether a page built for `user` may hold something hidden from the public, so that no shared cache may
    keep it."""
    return (has_permission(user, "archive.view_registered_item")
            or any(may_view(user, model) for model in HIDDEN_RECORDS))


def item_audience(user: Visitor) -> str:
    """Which items `user` sees, named so that anything counted over them can be kept once for everyone who sees the
    same: "all" with permission to view items (as the admin), "registered" for researchers, "public" for anyone
    else, signed in or not. It asks the permissions `ItemQuerySet.visible_to` asks, and nothing else decides."""
    if may_view(user, "archive.item"):
        return "all"
    if has_permission(user, "archive.view_registered_item"):
        return "registered"
    return "public"


def _visible_conditions(user: Visitor, *, use: str, today: date | None, item: str) -> Q:
    """The policy as one filter. `item` names the item from the queryset's model: "pk" on items, "item" on
    files, so both filter by a join on the item's own row rather than a subquery over the whole collection."""
    if use not in CONSENT_USES:
        raise ValueError(f"unknown consent use {use!r}")
    field = (lambda name: name) if item == "pk" else (lambda name: f"{item}__{name}")
    today = today or timezone.localdate()
    open_levels = Q(**{field("access"): AccessLevel.PUBLIC}) | Q(
        **{field("access"): AccessLevel.EMBARGOED, field("embargo_until__lte"): today}
    )
    if has_permission(user, "archive.view_registered_item"):
        open_levels |= Q(**{field("access"): AccessLevel.REGISTERED})
    uses = {"public_web", use}  # everything these methods guard is on the public web
    consent = apps.get_model("archive", "ConsentRecord").objects.filter(item=OuterRef(item))
    refused = consent.filter(Q(withdrawn_on__isnull=False) | Q(*(Q(**{name: False}) for name in uses), _connector=Q.OR))
    granted = consent.filter(withdrawn_on__isnull=True, **{name: True for name in uses})
    unconsented_voice = Q(**{field("kind"): "oral_history"}) & ~Exists(granted)
    minor_without_guardian = Exists(_minors_without(OuterRef(item), guardian_consent={name: True for name in uses}))
    return (Q(**{field("status"): "published"}) & open_levels & ~Exists(refused) & ~unconsented_voice
            & ~minor_without_guardian)


def _minors_without(item, *, guardian_consent: dict) -> models.QuerySet:
    """The minors among `item`'s people who lack a standing consent, given by a guardian, with `guardian_consent`."""
    consent = apps.get_model("archive", "ConsentRecord").objects.filter(
        item=OuterRef("item"), agent=OuterRef("agent"), by_guardian=True, withdrawn_on__isnull=True,
        **guardian_consent)
    return apps.get_model("archive", "ItemAgent").objects.filter(item=item, agent__is_minor=True).filter(
        ~Exists(consent))


def _pictures_withheld_from_lists(item: str) -> Exists:
    """Whether a minor among the item's people lacks a guardian consent that covers pictures in public lists."""
    return Exists(_minors_without(OuterRef(item), guardian_consent={"covers_pictures_in_lists": True}))


def reasons_not_public(item, *, consents, today: date | None = None) -> list[str]:
    """Why a member of the public may not see `item`, in the curator's language: the conditions of
    `_visible_conditions` (for public web use and no permission) that fail, one sentence each; [] when it is public.

    `item` need not be saved (the import asks about rows before writing them); `consents` are its ConsentRecords
    (with their agents), passed in so a list of items can prefetch them. The two must agree: tests/archive/
    test_access_reasons.py checks every combination against `Item.objects.public()`.
    """
    today = today or timezone.localdate()
    reasons = []
    if item.status != "published":
        reasons.append(_("workflow status is “%(status)s”, not published") % {
            "status": item.get_status_display()})
    if item.access == AccessLevel.STAFF:
        reasons.append(_("access is staff only"))
    elif item.access == AccessLevel.REGISTERED:
        reasons.append(_("access is for registered researchers only"))
    elif item.access == AccessLevel.EMBARGOED:
        if item.embargo_until is None:
            reasons.append(_("embargoed with no end date"))
        elif item.embargo_until > today:
            reasons.append(_("embargoed until %(day)s") % {"day": item.embargo_until.isoformat()})
    standing = False
    for consent in consents:
        who = consent.agent.display_name
        if consent.withdrawn_on is not None:
            reasons.append(_("%(who)s withdrew consent on %(day)s") % {"who": who,
                                                                       "day": consent.withdrawn_on.isoformat()})
        elif not consent.public_web:
            reasons.append(_("the consent of %(who)s leaves out the public website") % {"who": who})
        else:
            standing = True
    if item.kind == "oral_history" and not standing:
        reasons.append(_("an oral history needs a standing consent to public web use, and it has none"))
    return [str(reason) for reason in reasons]


class ItemQuerySet(RecordedQuerySet):
    def published(self) -> Self:
        return self.filter(status="published")

    def visible_to(self, user: Visitor, *, use: str = "public_web", today: date | None = None) -> Self:
        """Items `user` may see: every one with permission to view items, else the ones the policy opens."""
        if may_view(user, "archive.item"):
            return self.all()
        return self.filter(_visible_conditions(user, use=use, today=today, item="pk"))

    def public(self, *, use: str = "public_web", today: date | None = None) -> Self:
        """What anyone on the internet may see: the set the search index and sitemaps hold."""
        return self.visible_to(None, use=use, today=today)

    def with_list_pictures(self) -> Self:
        """Each item annotated `pictures_in_lists`: whether its pictures may appear anywhere off its own page (a
        social preview, JSON-LD, a list). False while a minor's guardian consent does not cover that."""
        return self.annotate(pictures_in_lists=~_pictures_withheld_from_lists("pk"))


class AssetQuerySet(models.QuerySet):
    """Files follow their item: a derivative of a hidden item is as hidden as the item. A recording can also be
    withheld on its own (its transcript may stay public); seeing it then needs `archive.view_item`, as a hidden
    item does."""

    def visible_to(self, user: Visitor, *, use: str = "public_web", today: date | None = None) -> Self:
        if may_view(user, "archive.item"):
            return self.all()
        return self.filter(_visible_conditions(user, use=use, today=today, item="item"), withheld=False)

    def public(self, *, use: str = "public_web", today: date | None = None) -> Self:
        return self.visible_to(None, use=use, today=today)

    def shown_in_lists(self, user: Visitor) -> Self:
        """Files that may appear off their item's own page, in lists, search results, exhibits, feeds and the API:
        not those of an item with a minor whose guardian consent leaves out pictures in lists. People who may view
        every item (curators) see them, as in the admin."""
        if may_view(user, "archive.item"):
            return self.all()
        return self.exclude(_pictures_withheld_from_lists("item"))
