"""What each kind of content puts into the index. Apps register a ``DocumentSource`` under ``hooks.SEARCH_SOURCES``."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models

from cms import hooks


@dataclass(frozen=True)
class IndexEntry:
    kind: str
    title: str
    summary: str  # summary, key measures, 文号: weighted between title and body
    body_text: str
    url: str
    published_at: datetime
    document_number: str = ""


@dataclass(frozen=True)
class DocumentSource:
    model: type[models.Model]
    #: the items that belong in the index (published, including scheduled ones; visibility by time is per query)
    indexable: Callable[[], models.QuerySet]
    entry: Callable[[models.Model], IndexEntry]
    #: The page-cache tags of everything this source indexes: search result pages depend on them.
    cache_tags: tuple[str, ...] = ()
    #: Optional: ``details(object_ids) -> {id: object}`` shown beside results (a policy's validity), rendered with
    #: ``detail_template`` (which receives ``detail``).
    details: Callable[[list[int]], dict[int, Any]] | None = None
    detail_template: str = ""


def sources() -> dict[type[models.Model], DocumentSource]:
    """The registered sources by model."""
    return {source.model: source for source in hooks.get(hooks.SEARCH_SOURCES)}


def source_for(model: type[models.Model]) -> DocumentSource:
    return sources()[model]
