"""Migration 0018 turns the old row-per-search log into daily counts without losing what it recorded."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("cms", "0017_audit_backup_restore")]
AFTER = [("cms", "0018_search_counts")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rows_of_one_day_and_normalised_query_become_one_count():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("cms", "SearchLog")
    day, next_day = date(2026, 11, 30), date(2026, 12, 1)
    for query, kind, results, searched_on in [
        ("人工智能", "all", 3, day), ("人工智能 ", "news", 2, day), ("人工 智能", "all", 0, day),
        ("ＡＩ", "all", 1, day), ("ai", "all", 5, day), ("人工智能", "all", 4, next_day),
    ]:  # fmt: skip
        row = old.objects.create(query=query, kind=kind, results=results)
        old.objects.filter(pk=row.pk).update(searched_on=searched_on)  # auto_now_add in the old model

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("cms", "SearchLog")
    rows = {(row.searched_on, row.query): (row.count, row.results) for row in new.objects.all()}
    assert rows == {
        (day, "人工智能"): (2, 2),  # the latest row's result count
        (day, "人工 智能"): (1, 0),
        (day, "ai"): (2, 5),
        (next_day, "人工智能"): (1, 4),
    }
