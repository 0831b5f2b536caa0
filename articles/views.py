from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from taggit.models import Tag, TaggedItem

from cms.caching.fragments import VersionedList
from cms.caching.pages import cached_value
from cms.caching.tags import COLUMNS, NEWS, column_tag, tag_tag
from cms.caching.views import CachedPageMixin, PreviewMixin
from cms.public.navigation import Link
from cms.text.toc import AnchoredBody

from .caching import article_detail_tags, article_main_version
from .models import Article, Column, column_menu
from .selectors import around_article
from .seo import news_article_jsonld, og_image_url

PAGE_SIZE = 20


class NewsMixin(CachedPageMixin):
    """Breadcrumbs and the column menu shared by every news page."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = column_menu()
        context["breadcrumbs"] = [Link(_("Investment news"), reverse("articles:list")), *self.extra_crumbs()]
        return context

    def extra_crumbs(self) -> list[Link]:
        return []


class CachedCountPaginator(Paginator):
    """Counts the rows once per content change (cms/caching/pages.py), not on every page view."""

    def __init__(self, *args, count_name: str, count_tags: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.count_name, self.count_tags = count_name, count_tags

    @cached_property
    def count(self) -> int:
        return cached_value(self.count_name, self.count_tags, lambda: Paginator.count.func(self))


class ArticleListView(NewsMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    heading = None

    def get_paginator(self, queryset, per_page, **kwargs):
        name = f"news-count:{self.request.path}"
        return CachedCountPaginator(
            VersionedList(queryset), per_page, count_name=name, count_tags=self.page_cache_tags(), **kwargs
        )

    def get_queryset(self):
        return Article.objects.published().for_list()

    def page_cache_tags(self):
        return {NEWS, COLUMNS}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.heading or _("Investment news")
        return context


class ColumnArticleListView(ArticleListView):
    def get_queryset(self):
        self.column = get_object_or_404(Column.objects.active(), slug=self.kwargs["slug"])
        self.heading = self.column.name
        return super().get_queryset().filter(column=self.column)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, column=self.column)

    def extra_crumbs(self):
        return [Link(self.column.name, self.column.get_absolute_url())]

    def page_cache_tags(self):
        return {column_tag(self.column.slug), COLUMNS}


class TagArticleListView(ArticleListView):
    def get_queryset(self):
        if "\x00" in self.kwargs["slug"]:  # PostgreSQL cannot compare text with NUL bytes
            raise Http404(_("No such tag."))
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.heading = self.tag.name
        # A subquery on the tag's rows, not a join: taggit's integer object_id would be cast for the join and
        # PostgreSQL could then use no index (2 s instead of 1 ms at 100,000 articles).
        tagged = TaggedItem.objects.filter(tag=self.tag, content_type=ContentType.objects.get_for_model(Article))
        return super().get_queryset().filter(pk__in=tagged.values("object_id"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, tag=self.tag)

    def extra_crumbs(self):
        return [Link(_("Tag: %(tag)s") % {"tag": self.tag.name}, "")]

    def page_cache_tags(self):
        return {tag_tag(self.tag.slug), COLUMNS}


class ArticleDetailView(PreviewMixin, NewsMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # Staff who may edit news see drafts and scheduled items (preview); everyone else sees published ones.
        return Article.objects.visible_to(self.request.user).select_related("column").prefetch_related("tags")

    cache_params = frozenset()

    def get_context_data(self, **kwargs):
        article = self.object
        self.interpreted_policies = list(
            article.interpreted_policies.published()
            .with_validity()
            .only(
                "pk", "title", "document_number", "effective_on", "expires_on", "repealed_on", "replaced_by",
                "updated_at",
            )
        )  # fmt: skip
        # The links below the article change only with what purges the page itself (its column, its tags), so
        # they are kept under the page's tags: a page-cache miss re-reads the article, not its neighbourhood.
        around = cached_value(f"around-article:{article.pk}", self.page_cache_tags(), lambda: around_article(article))
        return super().get_context_data(
            **kwargs,
            article_body=AnchoredBody(article.body),
            main_version=article_main_version(article, self.interpreted_policies),
            is_preview=not article.is_live(),
            previous_article=around.previous,
            next_article=around.next,
            related=around.related,
            structured_data=news_article_jsonld(article),
            interpreted_policies=self.interpreted_policies,
            og_image=og_image_url(article),
        )

    def page_cache_tags(self):
        return article_detail_tags(self.object, [policy.pk for policy in self.interpreted_policies])

    def extra_crumbs(self):
        return [Link(self.object.column.name, self.object.column.get_absolute_url()), Link(self.object.title, "")]
