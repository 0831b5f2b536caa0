"""Which cached pages show site-wide content (see cms/pagecache.py).

Tags: ``site`` (every page: header, footer, site settings), ``pages`` (the sitemap's list of static pages),
``page:<slug>`` (one static page).
"""

from .models import Page, SiteSettings
from .purging import watch

SITE = "site"
PAGES = "pages"


def page_tag(slug: str) -> str:
    return f"page:{slug}"


def pages_showing_page(page: Page) -> set[str]:
    tags = {PAGES, page_tag(page.slug)}
    if page.show_in_footer:
        tags.add(SITE)
    return tags


watch(SiteSettings, lambda _settings: {SITE})
watch(Page, pages_showing_page)
