"""What each kind of content puts into the index. Apps register a ``DocumentSource`` for their models."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import models


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


#: Filled by ``cms.search.indexing.register``.
SOURCES: dict[type[models.Model], DocumentSource] = {}
