"""News (招商资讯): columns and articles. Publishing rules come from ``cms.workflow``."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from cms.caching.pages import cached_value
from cms.caching.tags import COLUMNS
from cms.db import URLField
from cms.media.validators import validate_image_file
from cms.text.plain import derive_summary
from cms.text.richtext import RichTextField
from cms.workflow.models import Publishable, PublishableQuerySet, published_has_time

SUMMARY_LENGTH = 120


class ColumnQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


def column_menu() -> list["Column"]:
    """The active columns for the news menu: a cached value kept until the ``columns`` tag is purged (any change to
    a column, articles/cms_hooks.py)."""
    return cached_value("column-menu", {COLUMNS}, lambda: list(Column.objects.active()))


class Column(models.Model):
    """A news column (栏目) such as 徐汇区招商, 重大项目 or 营商环境."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    slug = models.SlugField(_("address"), max_length=40, unique=True, help_text=_("Latin letters, e.g. “projects”."))
    description = models.CharField(_("description"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ColumnQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:column", kwargs={"slug": self.slug})


class ArticleQuerySet(PublishableQuerySet):
    def for_list(self):
        """What list pages need, in one query: pinned first, newest first, no body."""
        return self.select_related("column").defer("body").order_by("-pinned", "-publish_at", "-pk")


class Article(Publishable):
    title = models.CharField(_("title"), max_length=200)
    column = models.ForeignKey(Column, verbose_name=_("column"), on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(
        _("tags"), blank=True,
        help_text=_("Separate tags with ，、, or ; for example: 人工智能，总部经济、营商环境"),
    )  # fmt: skip
    summary = models.TextField(
        _("summary"), max_length=300, blank=True,
        help_text=_("Shown in lists. Leave empty to use the start of the lead paragraph (about 120 characters)."),
    )  # fmt: skip
    excerpt = models.CharField(_("excerpt"), max_length=300, blank=True, editable=False)
    body = RichTextField(_("body"))
    cover = models.ImageField(
        _("cover image"), upload_to="articles/covers/%Y/%m/", blank=True, validators=[validate_image_file],
        help_text=_("JPEG, PNG or WebP, up to 10 MB. Thumbnails are made when you save."),
    )  # fmt: skip
    cover_alt = models.CharField(
        _("cover description"), max_length=150, blank=True,
        help_text=_("What the picture shows, for visitors who cannot see it."),
    )  # fmt: skip
    cover_renditions = models.JSONField(_("cover renditions"), default=dict, blank=True, editable=False)
    author = models.CharField(_("reporter"), max_length=80, blank=True)
    correspondent = models.CharField(_("correspondent"), max_length=80, blank=True)
    contributing_unit = models.CharField(_("contributing unit"), max_length=120, blank=True)
    source_name = models.CharField(_("source"), max_length=120, blank=True)
    source_url = URLField(_("source URL"), max_length=500, blank=True)
    original_published_on = models.DateField(
        _("original publication date"), null=True, blank=True,
        help_text=_("When the report first appeared elsewhere. Kept separate from our publish time."),
    )  # fmt: skip
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Pinned articles are listed first."))
    seo_description = models.CharField(_("SEO description"), max_length=200, blank=True)
    import_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish, unpublish and send back articles"))]
        indexes = [
            models.Index(fields=["status", "-pinned", "-publish_at"], name="article_public_list_idx"),
            models.Index(fields=["column", "status", "-publish_at"], name="article_column_list_idx"),
            # A column's list is ordered like the news list: pinned first (checked with EXPLAIN at 100,000 rows).
            models.Index(fields=["column", "status", "-pinned", "-publish_at"], name="article_column_pinned_idx"),
        ]
        constraints = [published_has_time("article_published_has_time")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.cover and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Describe the cover image for visitors who cannot see it.")})

    #: Everything a list item shows changes one of these (cms/caching/fragments.py).
    FRAGMENT_VERSION_FIELDS = ("pk", "updated_at", "column__name", "column__slug", "cover_renditions")

    def save(self, *args, **kwargs):
        self.excerpt = self.summary.strip()[:300] if self.summary.strip() else derive_summary(self.body, SUMMARY_LENGTH)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "excerpt"}
        super().save(*args, **kwargs)  # the cover's renditions: cms/media/renditions.py, registered in cms_hooks.py

    @property
    def shows_original_date(self) -> bool:
        return bool(self.original_published_on and self.publish_at) and (
            self.original_published_on != timezone.localdate(self.publish_at)
        )
