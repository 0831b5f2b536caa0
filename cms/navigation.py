"""The header menu and footer links, resolved once per request. Entries whose route does not exist are left out."""

from dataclasses import dataclass
from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from submissions.choices import ConsultTopic


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    active: bool = False


MAIN_MENU = [
    (_("Home"), "cms:home", {}),
    (_("Investment news"), "articles:list", {}),
    (_("Investment policies"), "policies:list", {}),
    (_("Contribute"), "submissions:contribute", {}),
    (_("Contact us"), "cms:page", {"slug": "contact"}),
]


def _reverse_or_none(name: str, kwargs: dict) -> str | None:
    return _reverse_cached(name, tuple(sorted(kwargs.items())))


@lru_cache(maxsize=64)
def _reverse_cached(name: str, kwargs: tuple) -> str | None:
    """The menus' addresses never change while the process runs: resolved once, not on every request."""
    try:
        return reverse(name, kwargs=dict(kwargs))
    except NoReverseMatch:
        return None


def _forget_addresses(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse_cached.cache_clear()


setting_changed.connect(_forget_addresses)


def main_menu(path: str) -> list[Link]:
    links = []
    for label, name, kwargs in MAIN_MENU:
        url = _reverse_or_none(name, kwargs)
        if url is None:
            continue
        active = path == url if url == "/" else path.startswith(url)
        links.append(Link(str(label), url, active))
    return links


def consult_links() -> list[Link]:
    url = _reverse_or_none("submissions:consult", {})
    if url is None:
        return []
    return [Link(str(topic.label), f"{url}?topic={topic.value}") for topic in ConsultTopic]


def named_url(name: str, **kwargs) -> str | None:
    return _reverse_or_none(name, kwargs)
