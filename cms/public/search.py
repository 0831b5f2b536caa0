"""How static pages enter the search index."""

from cms.caching.tags import PAGES
from cms.public.models import Page
from cms.search.documents import DocumentSource, IndexEntry
from cms.search.models import Kind
from cms.text.plain import html_to_text


def page_entry(page: Page) -> IndexEntry:
    return IndexEntry(
        kind=Kind.PAGE,
        title=page.title,
        summary=page.seo_description,
        body_text=html_to_text(page.body),
        url=page.get_absolute_url(),
        published_at=page.publish_at,
    )


SOURCE = DocumentSource(
    model=Page, indexable=lambda: Page.objects.published_or_scheduled(), entry=page_entry, cache_tags=(PAGES,)
)
