"""The one registry through which apps plug into the shared core (modelled on Wagtail's ``wagtail_hooks``).

Each app keeps its registrations in a ``cms_hooks.py`` module; ``CmsConfig.ready`` imports every app's module
once all models are loaded, then the core parts wire what was registered (signals for renditions, cache purges and
the search index). The core itself never imports a content app.

Hook names (what is registered under each):

``DASHBOARD_PANELS``       ``provider(request) -> DashboardPanel | None`` (cms.admin.dashboard)
``HOME_SECTIONS``          ``HomeSection`` (cms.public.sections)
``MAIN_MENU``              ``MenuEntry`` (cms.public.navigation)
``CONSULT_LINKS``          ``provider() -> list[Link]``: the footer's consult topics (cms.public.navigation)
``PAGE_CACHE_WATCHERS``    ``Watch``: which cached pages show a model's rows (cms.caching.watch)
``IMAGE_RENDITIONS``       ``ImageRenditions``: an image field whose renditions are made when it changes
                           (cms.media.renditions)
``SCHEDULED_CHANGES``      ``provider(now) -> datetime | None``: the next moment content changes by itself
``SEARCH_SOURCES``         ``DocumentSource``: what a model puts into the search index (cms.search.documents)
``PERSONAL_DATA_PURGERS``  ``Purger``: personal-data retention of one kind of record (cms.ops.privacy)
"""

from collections import defaultdict
from typing import Any

from django.utils.module_loading import autodiscover_modules

DASHBOARD_PANELS = "dashboard_panels"
HOME_SECTIONS = "home_sections"
MAIN_MENU = "main_menu"
CONSULT_LINKS = "consult_links"
PAGE_CACHE_WATCHERS = "page_cache_watchers"
IMAGE_RENDITIONS = "image_renditions"
SCHEDULED_CHANGES = "scheduled_changes"
SEARCH_SOURCES = "search_sources"
PERSONAL_DATA_PURGERS = "personal_data_purgers"

NAMES = frozenset(
    {
        DASHBOARD_PANELS,
        HOME_SECTIONS,
        MAIN_MENU,
        CONSULT_LINKS,
        PAGE_CACHE_WATCHERS,
        IMAGE_RENDITIONS,
        SCHEDULED_CHANGES,
        SEARCH_SOURCES,
        PERSONAL_DATA_PURGERS,
    }
)

_registry: dict[str, list[tuple[int, int, Any]]] = defaultdict(list)


def register(name: str, item: Any = None, *, order: int = 0):
    """Register ``item`` under the hook ``name``; without ``item``, a decorator. Registering twice is a no-op."""
    if name not in NAMES:
        raise KeyError(f"Unknown hook {name!r}; known hooks: {sorted(NAMES)}")

    def add(value: Any) -> Any:
        entries = _registry[name]
        if all(existing is not value for _order, _seq, existing in entries):
            entries.append((order, len(entries), value))
            entries.sort(key=lambda entry: entry[:2])
        return value

    if item is None:
        return add
    return add(item)


def get(name: str) -> list:
    """What is registered under ``name``, by ``order`` and then registration order."""
    if name not in NAMES:
        raise KeyError(f"Unknown hook {name!r}")
    return [value for _order, _seq, value in _registry[name]]


def discover() -> None:
    """Import the ``cms_hooks`` module of every installed app (idempotent: Python imports each once)."""
    autodiscover_modules("cms_hooks")
