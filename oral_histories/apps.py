from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OralHistoriesConfig(AppConfig):
    name = "oral_histories"
    verbose_name = _("Oral histories")
