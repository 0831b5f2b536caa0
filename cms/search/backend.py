"""The search backend: indexing and querying over ``SearchDocument``.

PostgreSQL: a stored ``tsvector`` with a GIN index; the query is an AND of the query's tokens; the first
``CANDIDATES`` matches (newest first) are ranked, so frequent terms stay cheap. Exact 文号 matches come first, then
items whose title holds every token, then ``ts_rank``. SQLite: the same tokens, matched with LIKE on a spaced
token string and ranked the same way in Python. To move to OpenSearch/Elasticsearch (CJK analyzer), replace
``index_entry``, ``remove`` and ``search`` — callers use nothing else.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from cms.search.documents import IndexEntry
from cms.search.models import SearchDocument
from cms.search.text import query_tokens, tokens
from cms.text.document_numbers import document_numbers_in

CANDIDATES = 500
MAX_POSITION = 16383
MAX_POSITIONS_PER_WEIGHT = 3
WEIGHTS = (("A", "title"), ("B", "summary"), ("D", "body_text"))


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(entry: IndexEntry) -> str:
    """``'人工':1A,5D 'ai':9B …`` — lexemes verbatim with positions and weights."""
    positions: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    position = 0
    for weight, attribute in WEIGHTS:
        for token in tokens(getattr(entry, attribute)):
            position = min(position + 1, MAX_POSITION)
            slots = positions[token][weight]
            if len(slots) < MAX_POSITIONS_PER_WEIGHT:
                slots.append(position)
    return " ".join(
        _lexeme(token) + ":" + ",".join(f"{pos}{weight}" for weight, slots in by_weight.items() for pos in slots)
        for token, by_weight in positions.items()
    )


def _number_key(text: str) -> str:
    numbers = document_numbers_in(text)
    return numbers[0] if numbers else ""


def _spaced(values) -> str:
    return " " + " ".join(dict.fromkeys(values)) + " "


def document_fields(entry: IndexEntry) -> dict:
    """The stored columns of one index row (also used by the benchmark's bulk loader)."""
    summary = f"{entry.summary}\n{entry.document_number}"
    return {
        "kind": entry.kind,
        "title": entry.title[:255],
        "summary": entry.summary,
        "body_text": entry.body_text[:20000],
        "url": entry.url,
        "published_at": entry.published_at,
        "document_number_key": _number_key(entry.document_number),
        "title_tokens": _spaced(tokens(entry.title)),
        "tokens": _spaced([*tokens(entry.title), *tokens(summary), *tokens(entry.body_text)]),
        "vector": tsvector_literal(IndexEntry(**{**entry.__dict__, "summary": summary})),
    }


def index_entry(obj, entry: IndexEntry) -> None:
    values = document_fields(entry)
    SearchDocument.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, defaults=values
    )


def remove(model, pk) -> int:
    deleted, _detail = SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=pk
    ).delete()
    return deleted


@dataclass
class SearchResults:
    query: str
    tokens: list[str]
    documents: list[SearchDocument]
    total: int
    capped: bool


def _tsquery(query_tokens_: list[str], weight: str = "") -> str:
    suffix = f":{weight}" if weight else ""
    return " & ".join(_lexeme(token) + suffix for token in query_tokens_)


def search(query: str, *, kind: str | None = None, offset: int = 0, limit: int = 20, now=None) -> SearchResults:
    """Published documents matching every token of ``query``, best first."""
    query_ = query[:100]
    wanted = query_tokens(query_)
    if not wanted:
        return SearchResults(query_, [], [], 0, capped=False)
    documents = SearchDocument.objects.filter(published_at__lte=now or timezone.now())
    if kind:
        documents = documents.filter(kind=kind)
    number_key = _number_key(query_)
    light = documents.defer("tokens", "title_tokens", "vector")
    if connection.vendor == "postgresql":
        matching = documents.filter(vector__matches=_tsquery(wanted))
        candidates = list(matching.order_by("-published_at").values_list("pk", flat=True)[: CANDIDATES + 1])
        ranked = (
            light.filter(pk__in=candidates[:CANDIDATES])
            .annotate(
                number_match=Case(When(document_number_key=number_key or "-", then=Value(1)), default=Value(0),
                                  output_field=IntegerField()),
                title_match=RawSQL("CASE WHEN vector @@ (%s)::tsquery THEN 1 ELSE 0 END", [_tsquery(wanted, "A")]),
                rank=RawSQL("ts_rank(vector, (%s)::tsquery)", [_tsquery(wanted)]),
            )
            .order_by("-number_match", "-title_match", "-rank", "-published_at", "-pk")
        )  # fmt: skip
        return SearchResults(
            query_, wanted, list(ranked[offset : offset + limit]), min(len(candidates), CANDIDATES),
            capped=len(candidates) > CANDIDATES,
        )  # fmt: skip
    matching = documents
    for token in wanted:
        matching = matching.filter(tokens__contains=f" {token} ")
    rows = list(matching.values_list("pk", "title_tokens", "document_number_key", "published_at")[: CANDIDATES + 1])

    def score(row):
        pk, title_tokens, key, published_at = row
        in_title = sum(f" {token} " in title_tokens for token in wanted)
        return (key == number_key and bool(number_key), in_title == len(wanted), in_title, published_at, pk)

    ordered = [row[0] for row in sorted(rows[:CANDIDATES], key=score, reverse=True)]
    page = ordered[offset : offset + limit]
    by_pk = light.in_bulk(page)
    return SearchResults(
        query_, wanted, [by_pk[pk] for pk in page if pk in by_pk], min(len(rows), CANDIDATES),
        capped=len(rows) > CANDIDATES,
    )  # fmt: skip
