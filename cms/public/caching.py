"""Which cached pages show site-wide content: site settings (every page) and static pages."""

from datetime import datetime

from cms.caching.tags import PAGES, SITE, page_tag
from cms.public.models import Page


def pages_showing_page(page: Page) -> set[str]:
    tags = {PAGES, page_tag(page.slug)}
    if page.show_in_footer:
        tags.add(SITE)
    return tags


def next_scheduled_page(now: datetime) -> datetime | None:
    return Page.objects.scheduled(now).order_by("publish_at").values_list("publish_at", flat=True).first()
