"""The header menu and footer links. Apps register ``MenuEntry`` items under ``hooks.MAIN_MENU`` and footer link
providers under ``hooks.CONSULT_LINKS``; addresses are resolved once per process."""

from dataclasses import dataclass
from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cms import hooks


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    active: bool = False


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    kwargs: tuple[tuple[str, str], ...] = ()


HOME = MenuEntry(_("Home"), "cms:home")
CONTACT = MenuEntry(_("Contact us"), "cms:page", (("slug", "contact"),))


def url_of(entry: MenuEntry) -> str | None:
    return _reverse_cached(entry.url_name, tuple(sorted(entry.kwargs)))


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
    for entry in hooks.get(hooks.MAIN_MENU):
        url = url_of(entry)
        if url is None:
            continue
        active = path == url if url == "/" else path.startswith(url)
        links.append(Link(str(entry.label), url, active))
    return links


def consult_links() -> list[Link]:
    """The footer's consultation topics (招商咨询), from every registered provider."""
    return [link for provider in hooks.get(hooks.CONSULT_LINKS) for link in provider()]
