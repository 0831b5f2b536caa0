"""The search log becomes counts: one row per normalised query and day (cms/search/analytics.py writes them).

Existing rows are merged, not dropped: the rows of one day whose queries normalise to the same text become one row
with their number as its count and the result count of the latest. Going back keeps the merged rows (count lost).
"""

from django.db import migrations, models

from cms.search.text import MAX_QUERY_LENGTH, normalize

BATCH = 1000


def counted_as(query: str) -> str:
    return " ".join(normalize(query).split())[:MAX_QUERY_LENGTH]


def merge_rows(apps, schema_editor):
    SearchLog = apps.get_model("cms", "SearchLog")
    days = list(SearchLog.objects.order_by("searched_on").values_list("searched_on", flat=True).distinct())
    for day in days:
        groups: dict[str, dict] = {}
        rows = SearchLog.objects.filter(searched_on=day).order_by("pk").values_list("pk", "query", "results")
        for pk, query, results in rows.iterator(chunk_size=BATCH):
            group = groups.setdefault(counted_as(query), {"keep": pk, "count": 0, "drop": []})
            if group["keep"] != pk:
                group["drop"].append(pk)
            group["count"] += 1
            group["results"] = results  # the latest row's
        kept, dropped = [], []
        for query, group in groups.items():
            if not query:
                dropped.extend([group["keep"], *group["drop"]])
                continue
            kept.append(SearchLog(pk=group["keep"], query=query, count=group["count"], results=group["results"]))
            dropped.extend(group["drop"])
        SearchLog.objects.bulk_update(kept, ["query", "count", "results"], batch_size=BATCH)
        for start in range(0, len(dropped), BATCH):
            SearchLog.objects.filter(pk__in=dropped[start : start + BATCH]).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0017_audit_backup_restore")]

    operations = [
        migrations.AddField(
            model_name="searchlog",
            name="count",
            field=models.PositiveIntegerField(default=1, verbose_name="searches"),
        ),
        migrations.AlterField(
            model_name="searchlog",
            name="results",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="results"),
        ),
        migrations.AlterField(
            model_name="searchlog",
            name="searched_on",
            field=models.DateField(verbose_name="date"),
        ),
        migrations.RemoveIndex(model_name="searchlog", name="searchlog_day_query_idx"),
        migrations.RunPython(merge_rows, migrations.RunPython.noop),
        migrations.RemoveField(model_name="searchlog", name="kind"),
        migrations.AlterField(
            model_name="searchlog",
            name="count",
            field=models.PositiveIntegerField(default=0, verbose_name="searches"),
        ),
        migrations.AddConstraint(
            model_name="searchlog",
            constraint=models.UniqueConstraint(fields=("searched_on", "query"), name="searchlog_day_query_unique"),
        ),
        migrations.AlterModelOptions(
            name="searchlog",
            options={
                "ordering": ["-searched_on", "-count", "query"],
                "verbose_name": "search",
                "verbose_name_plural": "search report",
            },
        ),
    ]
