"""RSS 2.0 and Atom feeds of published news, all columns or one column."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.public.links import site_url
from cms.public.models import SiteSettings

from .models import Article, Column

FEED_SIZE = 30


class NewsFeed(Feed):
    def get_object(self, request, slug=None):
        return get_object_or_404(Column.objects.active(), slug=slug) if slug else None

    def title(self, column):
        site = SiteSettings.load().site_name
        return f"{site} · {column.name}" if column else _("%(site)s · Investment news") % {"site": site}

    def link(self, column):
        return site_url() + (column.get_absolute_url() if column else reverse("articles:list"))

    def description(self, column):
        return column.description if column and column.description else SiteSettings.load().default_meta_description

    def items(self, column):
        articles = Article.objects.published().select_related("column").order_by("-publish_at", "-pk")
        if column:
            articles = articles.filter(column=column)
        return articles[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Feed readers treat the description as HTML: the plain-text excerpt is escaped once more.
        return escape(article.excerpt)

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return article.author or article.contributing_unit or None

    def item_categories(self, article):
        return [article.column.name]

    def item_link(self, article):
        return f"{site_url()}{article.get_absolute_url()}"


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
