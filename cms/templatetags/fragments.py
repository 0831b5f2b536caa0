"""Fragments rendered once per content version: list items and the site header and footer.

``{% render_each items "template.html" "name" %}`` renders a template per item (as ``name``);
``{% render_once "template.html" version… %}`` renders a template with the page's context.

Each item's rendering is kept in the cache under a key made from the item's fragment version (its content
fingerprint, cms/fragments.py), so it never needs invalidating: changed content has a new key. A list page reads
its items from this process's copies, then the rest in one cache round trip, and loads and renders only the ones
not seen yet. This keeps page-cache misses cheap. Keys also carry the release (cms/release.py), so changed
templates are never served from an older deploy's renderings.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from cms.caching.fragments import LoadedItems, VersionedList, local_fragments
from cms.caching.release import RELEASE

register = template.Library()
FRAGMENT_SECONDS = 24 * 3600


@register.simple_tag
def render_each(items, template_name: str, as_name: str, **extra):
    """``items``: model instances, or a ``VersionedList`` (cms/fragments.py) that loads only the ones to render."""
    if not isinstance(items, VersionedList):
        items = LoadedItems(items)
    item_template = get_template(template_name)

    def render(item) -> str:
        return item_template.render({as_name: item, **extra})

    versions = items.versions()
    if not settings.FRAGMENT_CACHE_ENABLED:
        return mark_safe("".join(render(item) for item in items.load(versions)))  # nosec
    variant = repr(sorted(extra.items()))
    keys = {version[0]: _key(template_name, version, variant) for version in versions}  # by primary key
    found = _get_many(list(keys.values()))
    missing = {keys[item.pk]: render(item) for item in items.load([v for v in versions if keys[v[0]] not in found])}
    if missing:
        cache.set_many(missing, timeout=FRAGMENT_SECONDS)
        local_fragments.put_many(missing)
    # Each part is a rendering of our own auto-escaping template; an item deleted meanwhile is left out.
    parts = [html for key in keys.values() if (html := found.get(key) or missing.get(key)) is not None]
    return mark_safe("".join(parts))  # nosec


@register.simple_tag(takes_context=True)
def render_once(context, template_name: str, *version):
    """The rendering of ``template_name`` for the page's context, cached under ``version`` (everything it shows)."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return mark_safe(get_template(template_name).render(context.flatten()))  # nosec
    key = _key(template_name, version, "")
    html = _get_many([key]).get(key)
    if html is None:
        html = get_template(template_name).render(context.flatten())
        cache.set(key, html, timeout=FRAGMENT_SECONDS)
        local_fragments.put_many({key: html})
    # Our own auto-escaping template.
    return mark_safe(html)  # nosec


def _get_many(keys: list[str]) -> dict[str, str]:
    """Renderings from this process first, then from the shared cache (one round trip for the rest)."""
    found = local_fragments.get_many(keys)
    rest = [key for key in keys if key not in found]
    if rest:
        shared = cache.get_many(rest)
        local_fragments.put_many(shared)
        found.update(shared)
    return found


def _key(template_name: str, version, variant: str) -> str:
    raw = f"{RELEASE}|{template_name}|{version!r}|{variant}".encode()
    return "fragment:v1:" + hashlib.md5(raw, usedforsecurity=False).hexdigest()
