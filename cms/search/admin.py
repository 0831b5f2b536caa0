"""The search admin: popular searches shown to visitors, and the report of what visitors searched for."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Max, Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.search import analytics
from cms.search.models import PopularSearch, SearchLog


@admin.register(PopularSearch)
class PopularSearchAdmin(admin.ModelAdmin):
    list_display = ["term", "order"]
    list_editable = ["order"]
    search_fields = ["term"]


@admin.register(SearchLog)
class SearchReportAdmin(admin.ModelAdmin):
    """Top searches and searches without results over the last 30 days (queries only, no personal data), from the
    daily counts (cms/search/analytics.py)."""

    change_list_template = "admin/cms/search_report.html"
    list_display = ["query", "searched_on", "count", "results"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        analytics.flush()  # this server's latest counts; the others write theirs within a minute
        since = timezone.localdate() - timedelta(days=30)
        recent = SearchLog.objects.filter(searched_on__gte=since).values("query")
        top = recent.annotate(times=Sum("count"), hits=Max("results")).order_by("-times", "query")[:30]
        empty = recent.filter(results=0).annotate(times=Sum("count")).order_by("-times", "query")[:30]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Search report (last 30 days)"),
            "opts": self.model._meta,
            "top": top,
            "empty": empty,
            "since": since,
        }
        return TemplateResponse(request, self.change_list_template, context)
