"""Read-side queries for news pages: neighbours in a column and related articles."""

from django.db.models import Count, Q

from .models import Article

RELATED_COUNT = 5


def neighbours_in_column(article: Article) -> tuple[Article | None, Article | None]:
    """The published articles just before and after ``article`` in its column (by publish time)."""
    if article.publish_at is None:
        return None, None
    same_column = Article.objects.published().filter(column_id=article.column_id).exclude(pk=article.pk)
    fields = ("pk", "title", "publish_at")
    previous_article = same_column.filter(publish_at__lt=article.publish_at).order_by("-publish_at").only(*fields)
    next_article = same_column.filter(publish_at__gt=article.publish_at).order_by("publish_at").only(*fields)
    return previous_article.first(), next_article.first()


def related_articles(article: Article, count: int = RELATED_COUNT) -> list[Article]:
    """Published articles sharing the most tags with ``article``, then the newest of its column; one query."""
    candidates = Article.objects.published().exclude(pk=article.pk).only("pk", "title", "publish_at")
    tag_ids = [tag.pk for tag in article.tags.all()]
    if not tag_ids:
        return list(candidates.filter(column_id=article.column_id).order_by("-publish_at")[:count])
    return list(
        candidates.filter(Q(tags__in=tag_ids) | Q(column_id=article.column_id))
        .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-shared", "-publish_at")[:count]
    )
