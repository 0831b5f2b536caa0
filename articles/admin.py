from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from cms.admin.dashboard import DashboardItem, DashboardPanel
from cms.admin.editing import RichEditingAdminMixin
from cms.admin.revisions import RevisionCompareMixin
from cms.text.plain import html_to_text
from cms.workflow.admin import WorkflowAdminMixin
from cms.workflow.states import Status

from .models import Article, Column
from .services import integrity_findings


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_active", "article_count"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="_article_count")
    def article_count(self, column):
        return column._article_count


@admin.register(Article)
class ArticleAdmin(RichEditingAdminMixin, WorkflowAdminMixin, RevisionCompareMixin, VersionAdmin):
    list_display = ["title", "column", "status_badge", "publish_at", "author", "pinned", "updated_at"]
    list_filter = ["status", "column", "pinned", ("publish_at", admin.DateFieldListFilter), "tags"]
    search_fields = ["title", "body", "author", "correspondent", "contributing_unit", "source_name"]
    date_hierarchy = "publish_at"
    list_select_related = ["column"]
    list_per_page = 50
    readonly_fields = ["character_count", "source_contribution"]
    fieldsets = [
        (None, {"fields": ["title", "column", "tags", "summary", "body", "character_count"]}),
        (_("Cover image"), {"fields": ["cover", "cover_alt"]}),
        (
            _("Byline and source"),
            {"fields": ["author", "correspondent", "contributing_unit", "source_name", "source_url",
                        "original_published_on"]},
        ),
        (_("Publishing"), {"fields": ["status", "publish_at", "pinned", "seo_description", "source_contribution"]}),
        (_("History"), {"fields": ["workflow_history", "created_by", "created_at", "updated_by", "updated_at"],
                        "classes": ["collapse"]}),
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("column", "created_by", "updated_by", "contribution")

    @admin.display(description=_("from contribution"))
    def source_contribution(self, article):
        contribution = getattr(article, "contribution", None) if article and article.pk else None
        if contribution is None:
            return "—"
        url = reverse("admin:submissions_contribution_change", args=[contribution.pk])
        return format_html('<a href="{}">{} {}</a>', url, contribution.receipt_code, contribution.unit)

    @admin.display(description=_("characters"))
    def character_count(self, article):
        if article is None or not article.body:
            return 0
        return len("".join(html_to_text(article.body).split()))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for finding in integrity_findings(obj):
            self.message_user(request, finding.message, messages.WARNING)


def news_panel(request):
    user = request.user
    if not user.has_perm("articles.change_article"):
        return None
    changelist = reverse("admin:articles_article_changelist")
    counts = Article.objects.aggregate(
        my_drafts=Count("pk", filter=Q(status=Status.DRAFT, created_by=user)),
        in_review=Count("pk", filter=Q(status=Status.IN_REVIEW)),
    )
    items = [
        DashboardItem(
            _("My drafts"), f"{changelist}?status__exact=draft&created_by__id__exact={user.pk}", counts["my_drafts"]
        ),
    ]
    if user.has_perm("articles.publish_article"):
        items.append(
            DashboardItem(
                _("Awaiting my review"), f"{changelist}?status__exact=in_review", counts["in_review"],
                urgent=counts["in_review"] > 0,
            )
        )  # fmt: skip
    else:
        items.append(DashboardItem(_("In review"), f"{changelist}?status__exact=in_review", counts["in_review"]))
    return DashboardPanel(title=_("News"), items=items, order=10)
