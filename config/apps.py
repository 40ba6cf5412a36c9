from django.apps import AppConfig


class DeploymentConfig(AppConfig):
    """The project's own system checks (config/checks.py), registered when Django starts."""

    name = "config"
    verbose_name = "Deployment"

    def ready(self):
        from . import checks  # noqa: F401
