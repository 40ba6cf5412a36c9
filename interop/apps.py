from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = _("Interfaces for other archives")

    def ready(self):
        from .oai import receivers  # noqa: F401  (connects the receivers that keep OAI-PMH deletions)
