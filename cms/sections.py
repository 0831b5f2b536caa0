"""Home page sections. Each app registers a provider that returns its section's context, or ``None``."""

from collections.abc import Callable

from django.http import HttpRequest

SectionProvider = Callable[[HttpRequest], dict | None]
_providers: dict[str, SectionProvider] = {}


def register_home_section(name: str) -> Callable[[SectionProvider], SectionProvider]:
    def decorator(provider: SectionProvider) -> SectionProvider:
        _providers[name] = provider
        return provider

    return decorator


def home_sections(request: HttpRequest) -> dict[str, dict]:
    """``{name: context}`` for every registered section that has something to show."""
    return {name: section for name, provider in _providers.items() if (section := provider(request))}
