"""Which cached pages show news, and when scheduled news appears (tags: cms/caching/tags.py)."""

from datetime import datetime

from cms.caching.fragments import fragment_version
from cms.caching.tags import COLUMNS, NEWS, article_tag, column_tag, policy_tag, tag_tag
from cms.public.links import site_url

from .models import Article, Column


def article_detail_tags(article: Article, interpreted_policy_pks) -> set[str]:
    """What an article's page shows: itself, its column's neighbours, related articles by tag, policies."""
    return {
        COLUMNS,
        article_tag(article.pk),
        column_tag(article.column.slug),
        *(tag_tag(tag.slug) for tag in article.tags.all()),
        *(policy_tag(pk) for pk in interpreted_policy_pks),
    }


def article_main_version(article: Article, interpreted_policies) -> tuple:
    """Everything the article's own block shows (articles/includes/article_main.html), to key its rendering."""
    return (
        fragment_version(article),
        article.status,
        article.publish_at,
        tuple((tag.slug, tag.name) for tag in article.tags.all()),
        tuple((policy.pk, policy.updated_at, policy.validity_code) for policy in interpreted_policies),
        site_url(),  # the share line's address
    )


def pages_showing_article(article: Article) -> set[str]:
    """Every tag whose pages show ``article`` while it is published (or will, once it is scheduled)."""
    return {
        NEWS,
        article_tag(article.pk),
        column_tag(article.column.slug),
        *(tag_tag(slug) for slug in article.tags.values_list("slug", flat=True)),
        *(policy_tag(pk) for pk in article.interpreted_policies.values_list("pk", flat=True)),
    }


def pages_showing_column(column: Column) -> set[str]:
    return {COLUMNS, NEWS, column_tag(column.slug)}


def next_scheduled_article(now: datetime) -> datetime | None:
    return Article.objects.scheduled(now).order_by("publish_at").values_list("publish_at", flat=True).first()
