from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dashboard import panels_for
from .models import SiteSettings


class CmsAdminSite(admin.AdminSite):
    """The admin, branded with the site's name and opening on a dashboard of work queues."""

    index_template = "admin/cms_index.html"
    index_title = gettext_lazy("Workbench")

    def each_context(self, request):
        context = super().each_context(request)
        site_name = SiteSettings.load().site_name
        context["site_header"] = _("%(site)s content management") % {"site": site_name}
        context["site_title"] = context["site_header"]
        return context

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard_panels": panels_for(request)}
        return super().index(request, extra_context)
