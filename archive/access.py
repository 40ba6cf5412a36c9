"""The one access policy. Every public surface (pages, search and its index, sitemaps, feeds, exports,
thumbnails, media files) asks these methods who may see an item, and nothing else.

An item is visible to a member of the public when all of these hold:
- it is published (not draft, in review or withdrawn);
- its access level is public, or embargoed with the embargo's date reached (it lifts by itself), or registered
  and the visitor is signed in;
- no consent record on it is withdrawn or leaves out public web use, or the further use asked for (an exhibit on
  this site is public web use and exhibit use at once);
- an oral history has at least one standing consent for those uses: a narrator's voice is never public by default.
Staff see everything.
"""

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .signals import AnnouncedUpdateQuerySet

CONSENT_USES = ("public_web", "exhibits", "classroom", "research")


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("public")
    REGISTERED = "registered", _("registered users")
    STAFF = "staff", _("staff only")
    EMBARGOED = "embargoed", _("embargoed until a date")


def is_staff(user):
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def _visible_conditions(user, *, use, today, item):
    """The policy as one filter. `item` names the item from the queryset's model: "pk" on items, "item" on
    files, so both filter by a join on the item's own row rather than a subquery over the whole collection."""
    if use not in CONSENT_USES:
        raise ValueError(f"unknown consent use {use!r}")
    field = (lambda name: name) if item == "pk" else (lambda name: f"{item}__{name}")
    today = today or timezone.localdate()
    open_levels = Q(**{field("access"): AccessLevel.PUBLIC}) | Q(
        **{field("access"): AccessLevel.EMBARGOED, field("embargo_until__lte"): today}
    )
    if user is not None and user.is_authenticated and user.is_active:
        open_levels |= Q(**{field("access"): AccessLevel.REGISTERED})
    uses = {"public_web", use}  # everything these methods guard is on the public web
    consent = apps.get_model("archive", "ConsentRecord").objects.filter(item=OuterRef(item))
    refused = consent.filter(Q(withdrawn_on__isnull=False) | Q(*(Q(**{name: False}) for name in uses), _connector=Q.OR))
    granted = consent.filter(withdrawn_on__isnull=True, **{name: True for name in uses})
    unconsented_voice = Q(**{field("kind"): "oral_history"}) & ~Exists(granted)
    return Q(**{field("status"): "published"}) & open_levels & ~Exists(refused) & ~unconsented_voice


class ItemQuerySet(AnnouncedUpdateQuerySet):
    def published(self):
        return self.filter(status="published")

    def visible_to(self, user, *, use="public_web", today=None):
        if is_staff(user):
            return self.all()
        return self.filter(_visible_conditions(user, use=use, today=today, item="pk"))

    def public(self, *, use="public_web", today=None):
        """What anyone on the internet may see: the set the search index and sitemaps hold."""
        return self.visible_to(None, use=use, today=today)


class AssetQuerySet(models.QuerySet):
    """Files follow their item: a derivative of a hidden item is as hidden as the item. A recording can also be
    withheld on its own (its transcript may stay public); staff still see it."""

    def visible_to(self, user, *, use="public_web", today=None):
        if is_staff(user):
            return self.all()
        return self.filter(_visible_conditions(user, use=use, today=today, item="item"), withheld=False)

    def public(self, *, use="public_web", today=None):
        return self.visible_to(None, use=use, today=today)
