from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    default = True
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from cms import hooks
        from cms.caching import checks, watch  # noqa: F401 - checks: the Redis eviction policy (check --deploy)
        from cms.media import renditions
        from cms.search import indexing
        from cms.security import audit

        hooks.discover()  # every app's cms_hooks.py, this one's included
        renditions.connect_all()  # before the watchers: a save's purge then sees its new renditions
        watch.connect_all()
        indexing.connect_all()
        audit.connect_all()


class CmsAdminConfig(admin_apps.AdminConfig):
    """The Django admin, with the site's branded admin site as the default one."""

    default = False
    default_site = "cms.admin.site.CmsAdminSite"

    def ready(self):
        super().ready()
        from cms.admin import site_content  # noqa: F401 - the ModelAdmins of the site-wide models
        from cms.search import admin  # noqa: F401 - popular searches and the search report
        from cms.security import admin as security_admin  # noqa: F401 - the audit log
