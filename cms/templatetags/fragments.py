"""Fragments rendered once per content version: list items and the site header and footer.

``{% render_each items "template.html" "name" %}`` renders a template per item (as ``name``);
``{% render_once "template.html" version… %}`` renders a template with the page's context.

Each item's rendering is kept in the cache under a key made from the item's ``fragment_version`` (its content
fingerprint), so it never needs invalidating: changed content has a new key. A list page reads all its items in
one cache round trip and renders only the ones it has not seen yet. This keeps page-cache misses cheap. Keys also
carry the release (cms/release.py), so changed templates are never served from an older deploy's renderings.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from cms.release import RELEASE

register = template.Library()
FRAGMENT_SECONDS = 24 * 3600


@register.simple_tag
def render_each(items, template_name: str, as_name: str, **extra):
    items = list(items)
    item_template = get_template(template_name)
    if not settings.FRAGMENT_CACHE_ENABLED:
        return mark_safe("".join(item_template.render({as_name: item, **extra}) for item in items))  # nosec
    variant = repr(sorted(extra.items()))
    keys = [_key(template_name, item.fragment_version, variant) for item in items]
    found = cache.get_many(keys)
    missing = {}
    parts = []
    for key, item in zip(keys, items, strict=True):
        html = found.get(key)
        if html is None:
            html = missing[key] = item_template.render({as_name: item, **extra})
        parts.append(html)
    if missing:
        cache.set_many(missing, timeout=FRAGMENT_SECONDS)
    # Each part is a rendering of our own auto-escaping template.
    return mark_safe("".join(parts))  # nosec


@register.simple_tag(takes_context=True)
def render_once(context, template_name: str, *version):
    """The rendering of ``template_name`` for the page's context, cached under ``version`` (everything it shows)."""
    if not settings.FRAGMENT_CACHE_ENABLED:
        return mark_safe(get_template(template_name).render(context.flatten()))  # nosec
    key = _key(template_name, version, "")
    html = cache.get(key)
    if html is None:
        html = get_template(template_name).render(context.flatten())
        cache.set(key, html, timeout=FRAGMENT_SECONDS)
    # Our own auto-escaping template.
    return mark_safe(html)  # nosec


def _key(template_name: str, version, variant: str) -> str:
    raw = f"{RELEASE}|{template_name}|{version!r}|{variant}".encode()
    return "fragment:v1:" + hashlib.md5(raw, usedforsecurity=False).hexdigest()
