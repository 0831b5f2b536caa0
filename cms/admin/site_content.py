from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms.admin.dashboard import DashboardItem, DashboardPanel
from cms.admin.editing import RichEditingAdminMixin
from cms.media.editor_images import attach_upload
from cms.media.models import EditorImage
from cms.public.models import Page, SiteSettings
from cms.workflow.admin import WorkflowAdminMixin


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
class PageAdmin(RichEditingAdminMixin, WorkflowAdminMixin, admin.ModelAdmin):
    """Static pages go through the publishing workflow like news and policies (buttons and bulk actions)."""

    list_display = ["title", "slug", "status_badge", "publish_at", "show_in_footer", "order", "updated_at"]
    list_editable = ["order"]
    list_filter = ["status", "show_in_footer"]
    search_fields = ["title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "show_in_footer", "order", "seo_description"]}),
        (_("History"), {"fields": ["workflow_history", "created_by", "created_at", "updated_by", "updated_at"],
                        "classes": ["collapse"]}),
    ]  # fmt: skip


def site_panel(request):
    user = request.user
    items = []
    if user.has_perm("cms.change_sitesettings"):
        items.append(DashboardItem(_("Edit site settings"), reverse("admin:cms_sitesettings_changelist")))
    if user.has_perm("cms.change_page"):
        items.append(DashboardItem(_("Static pages"), reverse("admin:cms_page_changelist"), count=Page.objects.count()))
    if user.has_perm("cms.publish_page"):
        in_review = Page.objects.in_review().count()
        url = f"{reverse('admin:cms_page_changelist')}?status__exact=in_review"
        items.append(DashboardItem(_("Pages awaiting review"), url, in_review, urgent=in_review > 0))
    if not items:
        return None
    return DashboardPanel(title=_("Site"), items=items, order=900)


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
