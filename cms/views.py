"""Site-wide public views: home, static pages, robots.txt, the health check and error pages."""

from functools import wraps

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

from .caching import SITE, page_tag
from .models import Page
from .pagecache import tag_response
from .sections import home_section_tags, home_sections


class CachedPageMixin:
    """A public page anonymous visitors get from the page cache (cms/pagecache.py).

    ``page_cache_tags()`` names the content the page shows; requests with query parameters outside
    ``cache_params`` (arbitrary or mistyped links) are answered but never stored.
    """

    cache_params: frozenset[str] = frozenset({"page"})

    def page_cache_tags(self) -> set[str]:
        return set()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if set(self.request.GET) <= self.cache_params and not context.get("is_preview"):
            tag_response(response, {SITE, *self.page_cache_tags()})
        return response


def cached_page(*tags: str, params: frozenset[str] = frozenset()):
    """The page cache for function views (feeds, sitemap); ``tags`` may use the URL's kwargs, e.g. ``column:{slug}``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if set(request.GET) <= params:
                tag_response(response, {SITE, *(tag.format(**kwargs) for tag in tags)})
            return response

        return wrapper

    return decorator


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


class HomeView(CachedPageMixin, TemplateView):
    template_name = "cms/home.html"
    cache_params = frozenset()

    def page_cache_tags(self):
        return home_section_tags()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, sections=home_sections(self.request))


class PageDetailView(CachedPageMixin, DetailView):
    template_name = "cms/page_detail.html"
    context_object_name = "page"
    cache_params = frozenset()

    def page_cache_tags(self):
        return {page_tag(self.object.slug)}

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
