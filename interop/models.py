"""What the archive has told harvesters: one row per OAI-PMH identifier it has ever published.

An item that leaves the public set (withdrawn, hidden, consent withdrawn, embargoed again, deleted) must be
reported to harvesters as deleted, and only a record of what was once public can say so. Whether an item is
public is never stored here: the access policy (archive/access.py) decides that on every request, and these rows
only remember what it decided before.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HarvestRecord(models.Model):
    accession_number = models.CharField(_("accession number"), max_length=64, unique=True)
    item_id = models.IntegerField(_("item id"), null=True, blank=True, db_index=True,
                                  help_text=_("Kept after the item is deleted, so it is a number, not a link."))
    collection_id = models.IntegerField(_("collection id (the set it was last published in)"), null=True,
                                        blank=True)
    deleted = models.BooleanField(_("reported as deleted"), default=False)
    datestamp = models.DateTimeField(_("when it was last published or left the public set"), db_index=True)

    class Meta:
        ordering = ["accession_number"]
        verbose_name = _("published OAI-PMH record")

    def __str__(self):
        return f"{self.accession_number} ({'deleted' if self.deleted else 'public'})"
