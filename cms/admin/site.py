from django.contrib import admin
from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.admin.dashboard import panels_for
from cms.public.models import SiteSettings
from cms.security.accounts import AdminAuthenticationForm, otp_required_for


class CmsAdminSite(admin.AdminSite):
    """The admin, branded with the site's name and opening on a dashboard of work queues."""

    index_template = "admin/cms_index.html"
    index_title = gettext_lazy("Workbench")
    login_form = AdminAuthenticationForm
    login_template = "admin/cms/login.html"

    def has_permission(self, request):
        """Active staff; those who need two-step sign-in only once their session was confirmed with a code."""
        user = request.user
        return super().has_permission(request) and (not otp_required_for(user) or user.is_verified())

    def each_context(self, request):
        context = super().each_context(request)
        site_name = SiteSettings.load().site_name
        context["site_header"] = _("%(site)s content management") % {"site": site_name}
        context["site_title"] = context["site_header"]
        return context

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard_panels": panels_for(request)}
        return super().index(request, extra_context)

    def get_urls(self):
        return [
            path("tag-suggestions/", self.admin_view(self.tag_suggestions), name="tag_suggestions"),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        """Existing tags containing ``q``, most used first, for the tag inputs of the editing forms."""
        from django.db.models import Count
        from taggit.models import Tag

        query = request.GET.get("q", "").strip()[:50]
        if not query:
            return JsonResponse({"tags": []})
        tags = (
            Tag.objects.filter(name__icontains=query)
            .annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")
            .values_list("name", flat=True)[:10]
        )
        return JsonResponse({"tags": list(tags)})
