"""How news enters the search index."""

from cms.publishing import Status
from cms.search.documents import DocumentSource, IndexEntry
from cms.search.indexing import register
from cms.search.models import Kind
from cms.text import html_to_text

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


register(
    DocumentSource(
        model=Article,
        indexable=lambda: Article.objects.filter(status=Status.PUBLISHED, publish_at__isnull=False).select_related(
            "column"
        ),
        entry=article_entry,
    )
)
