"""How a public view joins the page cache: tag its response with the content it shows; previews never cached."""

from functools import wraps

from django.utils.cache import add_never_cache_headers

from cms.caching.pages import tag_response
from cms.caching.tags import SITE


class CachedPageMixin:
    """A public page anonymous visitors get from the page cache (cms/caching/pages.py).

    ``page_cache_tags()`` names the content the page shows; requests with query parameters outside
    ``cache_params`` (arbitrary or mistyped links) are answered but never stored. ``page_cache_seconds`` shortens
    the lifetime; ``page_cache_shared = False`` keeps the page only in each process's bounded copies (pages whose
    addresses visitors can vary without end, such as search results).
    """

    cache_params: frozenset[str] = frozenset({"page"})
    page_cache_seconds: int | None = None
    page_cache_shared = True

    def page_cache_tags(self) -> set[str]:
        return set()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if set(self.request.GET) <= self.cache_params and not context.get("is_preview"):
            tags = {SITE, *self.page_cache_tags()}
            tag_response(response, tags, seconds=self.page_cache_seconds, shared=self.page_cache_shared)
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
