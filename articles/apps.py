from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("News")

    def ready(self):
        from . import caching, home, search  # noqa: F401 - register page-cache purges, home section, search source
