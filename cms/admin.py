from datetime import timedelta

from django.contrib import admin
from django.db.models import Count, Max
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .admin_editing import RichEditingAdminMixin
from .dashboard import DashboardItem, DashboardPanel, register_panel
from .editor_images import attach_upload
from .models import EditorImage, Page, PopularSearch, SearchLog, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """A singleton: the list view opens the one settings form directly."""

    fieldsets = [
        (None, {"fields": ["site_name", "logo", "default_meta_description"]}),
        (_("Contact"), {"fields": ["hotline", "service_hours", "contact_email", "address"]}),
        (_("WeChat"), {"fields": ["wechat_account", "wechat_qr"]}),
        (
            _("Filing numbers"),
            {
                "fields": ["icp_number", "police_number"],
                "description": _("Sites served in mainland China must show their ICP and public security filings."),
            },
        ),
    ]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        SiteSettings.load()
        return HttpResponseRedirect(reverse("admin:cms_sitesettings_change", args=[SiteSettings.SINGLETON_PK]))


@admin.register(Page)
class PageAdmin(RichEditingAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "show_in_footer", "order", "updated_at"]
    list_editable = ["order"]
    list_filter = ["is_published", "show_in_footer"]
    search_fields = ["title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (_("Publishing"), {"fields": ["is_published", "show_in_footer", "order", "seo_description"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@register_panel
def site_panel(request):
    user = request.user
    items = []
    if user.has_perm("cms.change_sitesettings"):
        items.append(DashboardItem(_("Edit site settings"), reverse("admin:cms_sitesettings_changelist")))
    if user.has_perm("cms.change_page"):
        items.append(DashboardItem(_("Static pages"), reverse("admin:cms_page_changelist"), count=Page.objects.count()))
    if not items:
        return None
    return DashboardPanel(title=_("Site"), items=items, order=900)


@admin.register(PopularSearch)
class PopularSearchAdmin(admin.ModelAdmin):
    list_display = ["term", "order"]
    list_editable = ["order"]
    search_fields = ["term"]


@admin.register(SearchLog)
class SearchReportAdmin(admin.ModelAdmin):
    """Top searches and searches without results over the last 30 days (queries only, no personal data)."""

    change_list_template = "admin/cms/search_report.html"
    list_display = ["query", "kind", "results", "searched_on"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        since = timezone.localdate() - timedelta(days=30)
        recent = SearchLog.objects.filter(searched_on__gte=since).values("query")
        top = recent.annotate(times=Count("pk"), hits=Max("results")).order_by("-times", "query")[:30]
        empty = recent.filter(results=0).annotate(times=Count("pk")).order_by("-times", "query")[:30]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Search report (last 30 days)"),
            "opts": self.model._meta,
            "top": top,
            "empty": empty,
            "since": since,
        }
        return TemplateResponse(request, self.change_list_template, context)


@admin.register(EditorImage)
class EditorImageAdmin(admin.ModelAdmin):
    """Upload a picture here, then paste its address into the rich-text editor's image dialog."""

    list_display = ["preview", "alt", "address", "uploaded_by", "created_at"]
    search_fields = ["alt"]
    fields = ["file", "alt", "address", "preview"]
    readonly_fields = ["address", "preview"]
    list_select_related = ["uploaded_by"]

    @admin.display(description=_("preview"))
    def preview(self, image):
        if not image.pk:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:80px;max-width:160px">', image.file.url)

    @admin.display(description=_("address to paste"))
    def address(self, image):
        return image.file.url if image.pk else "—"

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            attach_upload(obj, form.cleaned_data["file"], by=request.user)
        super().save_model(request, obj, form, change)
