"""Read-side queries for news pages: neighbours in a column and related articles."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from taggit.models import TaggedItem

from .models import Article

RELATED_COUNT = 5
#: How many of the newest articles sharing a tag are ranked for "related": the work stays the same however
#: many articles share a popular tag.
RELATED_POOL = 100
FIELDS = ("pk", "title", "publish_at")


@dataclass
class ColumnNeighbours:
    previous: Article | None = None
    next: Article | None = None
    #: The articles published just before it in its column, newest first (``previous`` is the first).
    older: list[Article] = field(default_factory=list)


def neighbours_in_column(article: Article, older: int = RELATED_COUNT) -> ColumnNeighbours:
    """The published articles just before and after ``article`` in its column (by publish time); two queries."""
    if article.publish_at is None:
        return ColumnNeighbours()
    same_column = Article.objects.published().filter(column_id=article.column_id).exclude(pk=article.pk).only(*FIELDS)
    before = list(same_column.filter(publish_at__lt=article.publish_at).order_by("-publish_at")[:older])
    after = same_column.filter(publish_at__gt=article.publish_at).order_by("publish_at").first()
    return ColumnNeighbours(previous=before[0] if before else None, next=after, older=before)


@dataclass
class AroundArticle:
    """The links below an article: previous and next in its column, and related articles."""

    previous: Article | None
    next: Article | None
    related: list[Article]


def around_article(article: Article) -> AroundArticle:
    """Neighbours and related articles of ``article``; three queries."""
    neighbours = neighbours_in_column(article)
    related = related_articles(article, fallback=neighbours.older)
    return AroundArticle(previous=neighbours.previous, next=neighbours.next, related=related)


def related_articles(article: Article, fallback: list[Article], count: int = RELATED_COUNT) -> list[Article]:
    """Published articles sharing the most tags with ``article`` (newest first among equals), topped up from
    ``fallback`` (its column's previous articles); at most one query."""
    related = []
    tag_ids = [tag.pk for tag in article.tags.all()]
    if tag_ids:
        tagged_like_it = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), tag_id__in=tag_ids
        )
        pool = tagged_like_it.exclude(object_id=article.pk).order_by("-object_id").values("object_id")[:RELATED_POOL]
        shared = tagged_like_it.filter(object_id=OuterRef("pk")).values("object_id").annotate(n=Count("pk"))
        related = list(
            Article.objects.published()
            .filter(pk__in=pool)
            .only(*FIELDS)
            .annotate(shared=Subquery(shared.values("n")))
            .order_by("-shared", "-publish_at")[:count]
        )
    seen = {item.pk for item in related}
    return related + [item for item in fallback if item.pk not in seen][: count - len(related)]
