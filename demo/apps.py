from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and benchmark content for every app. Installed by the dev and test settings only: production settings
    do not know these commands at all."""

    name = "demo"
    verbose_name = _("Demo content")
