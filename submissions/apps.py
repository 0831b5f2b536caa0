from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Contributions and inquiries")

    def ready(self):
        from .services import contributions, inquiries  # noqa: F401 - signal receivers and personal-data purgers
