"""What the site shell registers with the core: its menu entries, static pages in search and the page cache."""

from cms import hooks
from cms.admin.site_content import site_panel
from cms.caching.tags import SITE
from cms.caching.watch import Watch, published_or_scheduled
from cms.public import navigation
from cms.public.caching import next_scheduled_page, pages_showing_page
from cms.public.models import Page, SiteSettings
from cms.public.search import SOURCE as PAGE_SOURCE
from cms.workflow.changes import next_due_change
from cms.workflow.pending_admin import pending_changes_panel

hooks.register(hooks.MAIN_MENU, navigation.HOME, order=0)
hooks.register(hooks.SCHEDULED_CHANGES, next_due_change)
hooks.register(hooks.MAIN_MENU, navigation.CONTACT, order=90)
hooks.register(hooks.DASHBOARD_PANELS, site_panel, order=900)
hooks.register(hooks.DASHBOARD_PANELS, pending_changes_panel, order=5)
hooks.register(hooks.SEARCH_SOURCES, PAGE_SOURCE)
hooks.register(hooks.PAGE_CACHE_WATCHERS, Watch(SiteSettings, lambda _settings: {SITE}))
hooks.register(hooks.PAGE_CACHE_WATCHERS, Watch(Page, pages_showing_page, public=published_or_scheduled))
hooks.register(hooks.SCHEDULED_CHANGES, next_scheduled_page)
