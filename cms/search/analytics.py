"""What visitors search for: one counter per normalised query and day (``SearchLog``), never a row per search.

``SearchAnalyticsMiddleware`` (above the page cache) adds every search answered to this process's tally — cached
result pages included, so repeats count — under its normalised text (``normalize``: traditional → simplified,
full-width → half-width, lower case, runs of spaces as one: 人工智能 and “人工智能  ” are one query). Nothing is
written then. The tally is written in one statement, ``INSERT … ON CONFLICT (day, query) DO UPDATE SET count = count
+ excluded.count`` (atomic however many app servers flush at once), after the response of the first request that
finds it due: ``FLUSH_SECONDS`` after the last write, or once it holds ``FLUSH_SIZE`` queries. The search report
flushes first, so editors see their own server's latest counts. A failed write (database down) keeps the tally
for the next attempt; a worker that is killed loses at most its last minute of counts (analytics, not records).
"""

import logging
import threading
import time
from datetime import date
from functools import lru_cache

from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from cms.public.querystrings import positive_int
from cms.search import text
from cms.search.models import SearchLog
from cms.search.views import query_of

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 60
FLUSH_SIZE = 500
ROWS_PER_STATEMENT = 500
#: While the database refuses the writes, the tally keeps at most this many queries (then only counts known ones).
MAX_ENTRIES = 20 * FLUSH_SIZE


@lru_cache(maxsize=4096)
def normalize(query: str) -> str:
    """The form a query is counted under (``cms.search.text.normalize``, spaces collapsed, at most 100 characters)."""
    return " ".join(text.normalize(query).split())[: text.MAX_QUERY_LENGTH]


class Tally:
    """This process's counts not written yet: ``{(day, query): [count, latest number of results or None]}``."""

    def __init__(self):
        self._lock = threading.Lock()
        self._entries: dict[tuple[date, str], list] = {}
        self._flush_at = time.monotonic() + FLUSH_SECONDS

    def record(self, query: str, *, results: int | None = None, day: date | None = None) -> None:
        key = (day or timezone.localdate(), normalize(query))
        if not key[1]:
            return
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                if len(self._entries) >= MAX_ENTRIES:
                    return
                entry = self._entries[key] = [0, None]
            entry[0] += 1
            if results is not None:
                entry[1] = results

    def due(self) -> bool:
        return bool(self._entries) and (len(self._entries) >= FLUSH_SIZE or time.monotonic() >= self._flush_at)

    def take(self) -> dict[tuple[date, str], list]:
        with self._lock:
            entries, self._entries = self._entries, {}
            self._flush_at = time.monotonic() + FLUSH_SECONDS
        return entries

    def put_back(self, entries: dict[tuple[date, str], list]) -> None:
        with self._lock:
            for key, (count, results) in entries.items():
                entry = self._entries.setdefault(key, [0, None])
                entry[0] += count
                if entry[1] is None:
                    entry[1] = results

    def discard(self) -> None:
        """Forget the counts not written yet (tests)."""
        self.take()


tally = Tally()


def record(query: str, *, results: int | None = None, day: date | None = None) -> None:
    """Count one search of ``query`` (no I/O)."""
    tally.record(query, results=results, day=day)


def flush() -> int:
    """Write this process's counts; the number of (day, query) rows written. On a database error the counts are
    kept for the next attempt."""
    entries = tally.take()
    if not entries:
        return 0
    try:
        with transaction.atomic():
            rows = [(day.isoformat(), query, count, results) for (day, query), (count, results) in entries.items()]
            for start in range(0, len(rows), ROWS_PER_STATEMENT):
                _upsert(rows[start : start + ROWS_PER_STATEMENT])
    except DatabaseError as error:
        tally.put_back(entries)
        logger.warning("Search counts not written (%s); kept for the next attempt", error)
        return 0
    return len(entries)


def _upsert(rows: list[tuple]) -> None:
    """One statement, the same on PostgreSQL and SQLite (3.24+): add the counts, keep the latest result count."""
    quote = connection.ops.quote_name
    table, day, query, count, results = (
        quote(name) for name in (SearchLog._meta.db_table, "searched_on", "query", "count", "results")
    )
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} ({day}, {query}, {count}, {results}) VALUES {values} "  # noqa: S608 # nosec B608 - our names
        f"ON CONFLICT ({day}, {query}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}, "
        f"{results} = COALESCE(excluded.{results}, {table}.{results})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


class SearchAnalyticsMiddleware:
    """Counts every search answered (page-cache hits included: it sits above the page cache) and writes the tally
    when it is due, after the response. Touches the database only to write, and never fails a request."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._search_path = None

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200 and request.path_info == self.search_path():
            self._count(request, response)
        if tally.due():
            flush()
        return response

    def search_path(self) -> str:
        if self._search_path is None:
            self._search_path = reverse("search:results")
        return self._search_path

    @staticmethod
    def _count(request, response) -> None:
        """The query as the view reads it; the result count when the view ran (not on a page-cache hit)."""
        query = query_of(request.GET)  # as the view reads it, without building its form on every cached hit
        if query and positive_int(request.GET.get("page", "1")) == 1:
            record(query, results=getattr(response, "search_results", None))
