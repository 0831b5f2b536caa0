from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cms.caching.views import CachedPageMixin
from cms.public.navigation import Link
from cms.public.querystrings import page_number as page_number_of
from cms.search import backend
from cms.search.documents import sources
from cms.search.models import Kind, PopularSearch
from cms.search.snippets import highlight, snippet
from cms.search.text import MAX_QUERY_LENGTH
from cms.security.ratelimit import RateLimit, RateLimitUnavailable

PAGE_SIZE = 20
TYPES = {"all": None, "news": Kind.NEWS, "policy": Kind.POLICY}
#: Result pages live five minutes, in each app server's own bounded copies only (cms/caching/pages.py,
#: ``LOCAL_ONLY_PAGES``): visitors can make endless distinct addresses, none of which may fill the shared cache.
PAGE_CACHE_SECONDS = 5 * 60
SEARCHES_PER_MINUTE = RateLimit("search", limit=settings.SEARCH_RATE_LIMIT_PER_MINUTE, window=60)
RETRY_AFTER_SECONDS = 60


class SearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    type = forms.ChoiceField(choices=[(key, key) for key in TYPES], required=False)

    def cleaned(self) -> tuple[str, str]:
        self.is_valid()
        return query_of(self.cleaned_data), self.cleaned_data.get("type") or "all"


def query_of(params) -> str:
    """The words searched for, as the results page reads them: no NUL, trimmed, at most 100 characters."""
    return (params.get("q") or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


class SearchView(CachedPageMixin, TemplateView):
    """Search results, cached for five minutes in each app server's bounded copies (never in the shared cache).
    Searches that reach the database are limited per visitor address (429 after ``SEARCH_RATE_LIMIT_PER_MINUTE``);
    every search answered is counted by cms/search/analytics.py, cached or not."""

    template_name = "cms/search.html"
    cache_params = frozenset({"q", "type", "page"})
    page_cache_seconds = PAGE_CACHE_SECONDS
    page_cache_shared = False

    def page_cache_tags(self):
        return {tag for source in sources().values() for tag in source.cache_tags}

    def get(self, request, *args, **kwargs):
        query, _kind = SearchForm(request.GET).cleaned()
        if query:
            try:
                if not SEARCHES_PER_MINUTE.allow(request):
                    response = render(request, "429.html", status=429)
                    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                    return response
            except RateLimitUnavailable:
                pass  # a read: answered while the shared cache is down (the database answers every page then)
        response = super().get(request, *args, **kwargs)
        response.search_results = getattr(self, "results_total", None)  # for the search counts
        return response

    def get_context_data(self, **kwargs):
        query, kind = SearchForm(self.request.GET).cleaned()
        page_number = page_number_of(self.request.GET)
        context = super().get_context_data(
            **kwargs, query=query, kind=kind, search_query=query, breadcrumbs=[Link(_("Search"), "")]
        )
        if not query:
            return {**context, "suggestions": PopularSearch.objects.all()[:12]}
        offset = (page_number - 1) * PAGE_SIZE
        results = backend.search(query, kind=TYPES[kind], offset=offset, limit=PAGE_SIZE)
        if page_number > 1 and not results.documents:
            raise Http404(_("No such page."))
        self.results_total = results.total
        details = self._details(results.documents)
        items = [
            {
                "document": document,
                "snippet": snippet(document, results.tokens),
                "title": highlight(document.title, results.tokens),
                **details.get((document.content_type_id, document.object_id), {}),
            }
            for document in results.documents
        ]
        return {
            **context,
            "results": results,
            "items": items,
            "page_obj": Paginator(range(results.total), PAGE_SIZE).get_page(page_number),
            "suggestions": PopularSearch.objects.all()[:12] if not results.total else [],
        }

    def _details(self, documents) -> dict[tuple[int, int], dict]:
        """What each source shows beside its results (``detail`` and its template), one query per source."""
        found = {}
        for model, source in sources().items():
            if source.details is None:
                continue
            content_type = ContentType.objects.get_for_model(model)
            ids = [document.object_id for document in documents if document.content_type_id == content_type.pk]
            if not ids:
                continue
            for object_id, detail in source.details(ids).items():
                found[content_type.pk, object_id] = {"detail": detail, "detail_template": source.detail_template}
        return found
