from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class DeploymentConfig(AppConfig):
    """The project's own system checks (config/checks.py), registered when Django starts."""

    name = "config"
    verbose_name = "Deployment"

    def ready(self):
        from . import checks  # noqa: F401


# Two apps the archive installs name themselves in English only; their admin sections are named here, in the
# curator's language.
class SignInAttemptsConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
