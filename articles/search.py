"""How news enters the search index."""

from cms.caching.tags import COLUMNS, NEWS
from cms.search.documents import DocumentSource, IndexEntry
from cms.search.models import Kind
from cms.text.plain import html_to_text

from .models import Article


def article_entry(article: Article) -> IndexEntry:
    return IndexEntry(
        kind=Kind.NEWS,
        title=article.title,
        summary=" ".join([article.excerpt, " ".join(article.tags.names()), article.column.name]),
        body_text=html_to_text(article.body),
        url=article.get_absolute_url(),
        published_at=article.publish_at,
    )


SOURCE = DocumentSource(
    model=Article,
    indexable=lambda: Article.objects.published_or_scheduled().select_related("column"),
    entry=article_entry,
    cache_tags=(NEWS, COLUMNS),
)
