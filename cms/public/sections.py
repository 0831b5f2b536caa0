"""Home page sections. Apps register a ``HomeSection`` under ``hooks.HOME_SECTIONS``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from cms import hooks


@dataclass(frozen=True)
class HomeSection:
    name: str
    #: ``provider(request)`` returns the section's context (with its ``template``), or ``None`` when it is empty.
    provider: Callable[[HttpRequest], dict | None]
    #: The page-cache tags of the content the section shows (cms/caching/tags.py).
    tags: tuple[str, ...] = ()


def home_sections(request: HttpRequest) -> dict[str, dict]:
    """``{name: context}`` for every registered section that has something to show."""
    sections = hooks.get(hooks.HOME_SECTIONS)
    return {section.name: context for section in sections if (context := section.provider(request))}


def home_section_tags() -> set[str]:
    return {tag for section in hooks.get(hooks.HOME_SECTIONS) for tag in section.tags}
