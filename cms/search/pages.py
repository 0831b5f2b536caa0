"""How static pages enter the search index."""

from cms.models import Page
from cms.text import html_to_text

from .documents import DocumentSource, IndexEntry
from .indexing import register
from .models import Kind


def page_entry(page: Page) -> IndexEntry:
    return IndexEntry(
        kind=Kind.PAGE,
        title=page.title,
        summary=page.seo_description,
        body_text=html_to_text(page.body),
        url=page.get_absolute_url(),
        published_at=page.created_at,
    )


register(DocumentSource(model=Page, indexable=lambda: Page.objects.published(), entry=page_entry))
