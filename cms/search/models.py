"""The search index: one row per published article, policy or page, with tokens made in Python.

On PostgreSQL ``vector`` is a ``tsvector`` (lexemes taken verbatim, so Chinese needs no parser or extension)
with a GIN index; on SQLite the same tokens are matched in ``tokens`` by a simpler path.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Lookup
from django.utils.translation import gettext_lazy as _


class TSVectorField(models.TextField):
    """``tsvector`` on PostgreSQL, plain text elsewhere."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)


@TSVectorField.register_lookup
class TSMatch(Lookup):
    """``vector__matches=tsquery_text``: the query text is a tsquery literal built from our own tokens."""

    lookup_name = "matches"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ ({rhs})::tsquery", [*lhs_params, *rhs_params]


class Kind(models.TextChoices):
    NEWS = "news", _("News")
    POLICY = "policy", _("Policy")
    PAGE = "page", _("Page")


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    url = models.CharField(max_length=255)
    published_at = models.DateTimeField()
    document_number_key = models.CharField(max_length=60, blank=True)
    title_tokens = models.TextField(blank=True)
    tokens = models.TextField(blank=True)
    vector = TSVectorField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="searchdocument_unique_item")]
        indexes = [
            models.Index(fields=["-published_at"], name="searchdoc_date_idx"),
            models.Index(fields=["kind", "-published_at"], name="searchdoc_kind_date_idx"),
            models.Index(fields=["document_number_key"], name="searchdoc_docnumber_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class SearchLog(models.Model):
    """What visitors searched for: one row per normalised query and day with how many times (the query only, never
    who searched), for the editors' report. Written in batches by cms/search/analytics.py, not a row per search."""

    query = models.CharField(_("query"), max_length=100)
    searched_on = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("searches"), default=0)
    #: The number of results the query last had (unknown when that day's searches were all answered from a cache).
    results = models.PositiveIntegerField(_("results"), null=True, blank=True)

    class Meta:
        ordering = ["-searched_on", "-count", "query"]
        verbose_name = _("search")
        verbose_name_plural = _("search report")
        constraints = [models.UniqueConstraint(fields=["searched_on", "query"], name="searchlog_day_query_unique")]

    def __str__(self) -> str:
        return self.query


class PopularSearch(models.Model):
    """A search editors suggest when nothing was found (e.g. 租金补贴, 人工智能)."""

    term = models.CharField(_("search term"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "term"]
        verbose_name = _("suggested search")
        verbose_name_plural = _("suggested searches")

    def __str__(self) -> str:
        return self.term
