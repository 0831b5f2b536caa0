"""Fragments rendered once per content version: list items and the site header and footer.

``{% render_each items "template.html" "name" %}`` renders a template per item (as ``name``);
``{% render_once "template.html" version… hole=value… %}`` renders a template with the page's context.

Each item's rendering is kept in the cache under a key made from the item's fragment version (its content
fingerprint, cms/caching/fragments.py), so it never needs invalidating: changed content has a new key. A list page reads
its items from this process's copies, then the rest in one cache round trip, and loads and renders only the ones
not seen yet. This keeps page-cache misses cheap. Keys also carry the release (cms/caching/release.py), so changed
templates are never served from an older deploy's renderings.

A key holds what the rendering depends on, never the request's address: the few values that differ from request to
request (the address the display switch returns to, the words in the search box) are *holes*, keyword arguments of
``render_once`` that the template shows as ``{{ name }}``. The stored rendering has a placeholder there, and each
request puts its own value in, HTML-escaped; so 50 junk query strings still share one header rendering.
"""

import hashlib
import re

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from cms.caching.fragments import LoadedItems, VersionedList, local_fragments
from cms.caching.release import RELEASE

register = template.Library()
FRAGMENT_SECONDS = 24 * 3600


@register.simple_tag
def render_each(items, template_name: str, as_name: str, **extra):
    """``items``: model instances, or a ``VersionedList`` (cms/caching/fragments.py) that loads only the ones to
    render."""
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
def render_once(context, template_name: str, *version, **holes):
    """The rendering of ``template_name`` for the page's context, cached under ``version`` (everything it shows but
    the ``holes``, which are filled in on every request)."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return mark_safe(get_template(template_name).render({**context.flatten(), **holes}))  # nosec
    key = _key(template_name, version, ",".join(sorted(holes)))
    html = _get_many([key]).get(key)
    if html is None:
        placeholders = {name: _placeholder(name) for name in holes}
        html = get_template(template_name).render({**context.flatten(), **placeholders})
        cache.set(key, html, timeout=FRAGMENT_SECONDS)
        local_fragments.put_many({key: html})
    if holes:  # one pass, so that a value is never searched for placeholders itself
        filled = {name: conditional_escape(value) for name, value in holes.items()}
        html = HOLE.sub(lambda match: filled.get(match[1], match[0]), html)
    # Our own auto-escaping template, with escaped values in its holes.
    return mark_safe(html)  # nosec


#: What a stored rendering holds in place of a hole (shown without filters): HTML escaping leaves it alone.
HOLE = re.compile(r"\[\[render_once:(\w+)\]\]")


def _placeholder(name: str) -> str:
    return f"[[render_once:{name}]]"


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
