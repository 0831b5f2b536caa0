"""Site-wide public views: home, static pages, robots.txt, the health check and error pages."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView

from .models import Page
from .sections import home_sections


class PreviewMixin:
    """Detail views of publishable content: staff previews of unpublished items are never cached or indexed.

    The view puts ``is_preview`` in its context; the item's visibility itself is decided in ``get_queryset``.
    """

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response


class HomeView(TemplateView):
    template_name = "cms/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, sections=home_sections(self.request))


class PageDetailView(DetailView):
    template_name = "cms/page_detail.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        return get_object_or_404(Page.objects.published(), slug=self.kwargs["slug"])


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /contribute/status/",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return redirect(static("cms/img/favicon.svg"), permanent=True)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 otherwise. For load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
