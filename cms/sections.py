"""Home page sections. Each app registers a provider that returns its section's context, or ``None``."""

from collections.abc import Callable

from django.http import HttpRequest

SectionProvider = Callable[[HttpRequest], dict | None]
_providers: dict[str, SectionProvider] = {}
_tags: set[str] = set()


def register_home_section(name: str, *, tags: tuple[str, ...] = ()) -> Callable[[SectionProvider], SectionProvider]:
    """Register a section; ``tags`` are the page-cache tags of the content it shows (cms/pagecache.py)."""

    def decorator(provider: SectionProvider) -> SectionProvider:
        _providers[name] = provider
        _tags.update(tags)
        return provider

    return decorator


def home_sections(request: HttpRequest) -> dict[str, dict]:
    """``{name: context}`` for every registered section that has something to show."""
    return {name: section for name, provider in _providers.items() if (section := provider(request))}


def home_section_tags() -> set[str]:
    return set(_tags)
