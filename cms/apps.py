from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    default = True
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from . import caching  # noqa: F401 - purges cached pages when site-wide content changes
        from .search import pages  # noqa: F401 - indexes static pages


class CmsAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with the site's branded admin site as the default one."""

    default = False
    default_site = "cms.admin_site.CmsAdminSite"
