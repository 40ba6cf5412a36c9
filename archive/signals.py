"""Signals the catalogue sends beyond Django's own.

`records_updated` is sent after a bulk `QuerySet.update()` on the records whose querysets announce it (items,
consent records), with the primary keys of the rows it changed. Django sends no signal for update(), so without
this a consent withdrawn with `ConsentRecord.objects.filter(...).update(withdrawn_on=...)` would leave the
search index and everyone else who follows the catalogue unaware until their next full reconciliation.
"""

from django.db import models
from django.dispatch import Signal

records_updated = Signal()  # sender: the model class; pks: list of primary keys


class AnnouncedUpdateQuerySet(models.QuerySet):
    def update(self, **kwargs):
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        if pks:
            records_updated.send(sender=self.model, pks=pks)
        return count
