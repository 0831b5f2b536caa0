"""How news plugs into the core: menu, home section, dashboard, search index, page cache, cover renditions, schedule."""

from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItem

from cms import hooks
from cms.caching.tags import COLUMNS, NEWS, tag_tag
from cms.caching.watch import Watch, published_or_scheduled
from cms.media.renditions import ImageRenditions
from cms.public.navigation import MenuEntry
from cms.public.sections import HomeSection
from policies.models import Policy

from .admin import news_panel
from .caching import next_scheduled_article, pages_showing_article, pages_showing_column
from .home import news_section
from .models import Article, Column
from .search import SOURCE

hooks.register(hooks.MAIN_MENU, MenuEntry(_("Investment news"), "articles:list"), order=10)
hooks.register(hooks.HOME_SECTIONS, HomeSection("news", news_section, tags=(NEWS, COLUMNS)), order=10)
hooks.register(hooks.DASHBOARD_PANELS, news_panel)
hooks.register(hooks.SEARCH_SOURCES, SOURCE)
hooks.register(hooks.SCHEDULED_CHANGES, next_scheduled_article)
hooks.register(hooks.IMAGE_RENDITIONS, ImageRenditions(Article, "cover", renditions_field="cover_renditions"))
hooks.register(
    hooks.PAGE_CACHE_WATCHERS,
    Watch(
        Article, pages_showing_article, public=published_or_scheduled, m2m=(TaggedItem, Policy.interpretations.through)
    ),
)
hooks.register(hooks.PAGE_CACHE_WATCHERS, Watch(Column, pages_showing_column))
hooks.register(hooks.PAGE_CACHE_WATCHERS, Watch(Tag, lambda tag: {tag_tag(tag.slug)}))
