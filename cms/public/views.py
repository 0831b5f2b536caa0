"""Site-wide public views: home, static pages, robots.txt, the health check and error pages."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView

from cms.caching import health
from cms.caching.tags import page_tag
from cms.caching.views import CachedPageMixin, PreviewMixin
from cms.public.links import site_url
from cms.public.models import Page
from cms.public.sections import home_section_tags, home_sections


class HomeView(CachedPageMixin, TemplateView):
    template_name = "cms/home.html"
    cache_params = frozenset()

    def page_cache_tags(self):
        return home_section_tags()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, sections=home_sections(self.request))


class PageDetailView(PreviewMixin, CachedPageMixin, DetailView):
    template_name = "cms/page_detail.html"
    context_object_name = "page"
    cache_params = frozenset()

    def page_cache_tags(self):
        return {page_tag(self.object.slug)}

    def get_queryset(self):
        # Staff who may edit pages see drafts (preview); everyone else sees published ones.
        return Page.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, is_preview=not self.object.is_live())


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('submissions:contribution-status')}",
        f"Sitemap: {site_url(request)}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return redirect(static("cms/img/favicon.svg"), permanent=True)


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: 200 while the database answers a query, 503 otherwise.

    The shared cache is reported but does not fail the check: without it the site still serves every page (uncached,
    ``"status": "degraded"``), so the server stays in rotation while monitoring sees the fault."""
    cache_status = health.status()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable", "cache": cache_status}, status=503)
    return JsonResponse(
        {"status": "ok" if cache_status == "ok" else "degraded", "database": "ok", "cache": cache_status}
    )
