"""The policy library (招商政策): government-standard metadata, computed validity, attachments.

Validity is never typed: it follows from the dates, the repeal and the replacement (see ``Validity``).
"""

import os
import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from cms.text.document_numbers import normalize_document_number
from cms.text.plain import tel_number
from cms.text.richtext import RichTextField
from cms.workflow.models import Publishable, PublishableQuerySet, published_has_time

from .validators import sniff_attachment, validate_attachment

EXPIRING_WITHIN = timedelta(days=30)


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    MUNICIPAL = "municipal", _("Municipal")
    DISTRICT = "district", _("District")
    PARK = "park", _("Park")


class Validity(models.TextChoices):
    NOT_YET_EFFECTIVE = "not_yet_effective", _("Not yet in force")
    VALID = "valid", _("In force")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    REPEALED = "repealed", _("Repealed")
    REPLACED = "replaced", _("Replaced")

    @classmethod
    def current(cls) -> list[str]:
        """The states a visitor means by “currently valid”."""
        return [cls.VALID, cls.EXPIRING]

    @classmethod
    def ended(cls) -> list[str]:
        """The states of a policy that is no longer valid (the detail page warns about it)."""
        return [cls.EXPIRED, cls.REPEALED, cls.REPLACED]


class Term(models.Model):
    """A taxonomy entry editors maintain (industries, support types, topics)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    slug = models.SlugField(_("address"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Industry(Term):
    class Meta(Term.Meta):
        verbose_name = _("industry")
        verbose_name_plural = _("industries")


class SupportType(Term):
    class Meta(Term.Meta):
        verbose_name = _("support type")
        verbose_name_plural = _("support types")


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Authority(models.Model):
    """An issuing authority (发文机关)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")

    def __str__(self) -> str:
        return self.name


class PolicyQuerySet(PublishableQuerySet):
    def with_validity(self, today: date | None = None):
        """Annotate ``validity_state`` computed in the database, so lists can filter and count by it."""
        today = today or timezone.localdate()
        return self.annotate(
            validity_state=Case(
                When(replaced_by__isnull=False, then=Value(Validity.REPLACED)),
                When(repealed_on__lte=today, then=Value(Validity.REPEALED)),
                When(expires_on__lt=today, then=Value(Validity.EXPIRED)),
                When(effective_on__gt=today, then=Value(Validity.NOT_YET_EFFECTIVE)),
                When(expires_on__lte=today + EXPIRING_WITHIN, then=Value(Validity.EXPIRING)),
                default=Value(Validity.VALID),
                output_field=models.CharField(),
            )
        )

    def currently_valid(self, today: date | None = None):
        return self.with_validity(today).filter(validity_state__in=Validity.current())

    def expiring_within(self, days: int = 30, today: date | None = None):
        today = today or timezone.localdate()
        return self.with_validity(today).filter(
            validity_state__in=Validity.current(), expires_on__isnull=False, expires_on__lte=today + timedelta(days)
        )

    def closing_applications(self, days: int = 14, today: date | None = None):
        """Policies whose application window closes within ``days``."""
        today = today or timezone.localdate()
        return self.filter(application_end__gte=today, application_end__lte=today + timedelta(days)).filter(
            Q(application_start__isnull=True) | Q(application_start__lte=today)
        )


class Policy(Publishable):
    title = models.CharField(_("title"), max_length=200)
    index_number = models.CharField(_("index number"), max_length=60, blank=True)
    document_number = models.CharField(
        _("document number"), max_length=60, blank=True, help_text=_("For example 云府发〔2024〕3号.")
    )
    document_number_key = models.CharField(max_length=60, blank=True, editable=False, db_index=True)
    authorities = models.ManyToManyField(Authority, verbose_name=_("issuing authorities"), related_name="policies")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    region = models.CharField(_("region"), max_length=60, blank=True)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.PROTECT)
    industries = models.ManyToManyField(Industry, verbose_name=_("industries"), blank=True, related_name="policies")
    support_types = models.ManyToManyField(
        SupportType, verbose_name=_("support types"), blank=True, related_name="policies"
    )
    written_on = models.DateField(_("date written"), null=True, blank=True)
    issued_on = models.DateField(_("date issued"))
    effective_on = models.DateField(_("effective from"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", verbose_name=_("replaced by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="replaces",
    )  # fmt: skip
    key_measures = models.TextField(
        _("key measures"), blank=True, help_text=_("One short measure per line, most important first.")
    )
    beneficiaries = models.TextField(_("who benefits"), blank=True)
    conditions = models.TextField(_("eligibility"), blank=True)
    application_start = models.DateField(_("applications open"), null=True, blank=True)
    application_end = models.DateField(_("applications close"), null=True, blank=True)
    handling_department = models.CharField(_("handling department"), max_length=120, blank=True)
    contact_phone = models.CharField(_("enquiry phone"), max_length=60, blank=True)
    body = RichTextField(_("full text"))
    interpretations = models.ManyToManyField(
        "articles.Article", verbose_name=_("interpretations"), blank=True, related_name="interpreted_policies"
    )
    tags = TaggableManager(_("tags"), blank=True)
    featured = models.BooleanField(_("featured"), default=False, help_text=_("Shown on the home page."))
    seo_description = models.CharField(_("SEO description"), max_length=200, blank=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        permissions = [("publish_policy", _("Can publish, unpublish and send back policies"))]
        indexes = [
            models.Index(fields=["status", "-issued_on"], name="policy_public_list_idx"),
            models.Index(fields=["status", "-effective_on"], name="policy_effective_idx"),
            models.Index(fields=["level", "status"], name="policy_level_idx"),
        ]
        constraints = [
            published_has_time("policy_published_has_time"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("effective_on")),
                name="policy_expires_after_effective",
            ),
            models.CheckConstraint(
                condition=Q(application_end__isnull=True)
                | Q(application_start__isnull=True)
                | Q(application_end__gte=models.F("application_start")),
                name="policy_application_window_ordered",
            ),
            models.CheckConstraint(condition=~Q(replaced_by=models.F("pk")), name="policy_not_replaced_by_itself"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.expires_on and self.effective_on and self.expires_on < self.effective_on:
            errors["expires_on"] = _("The expiry date cannot be before the effective date.")
        if self.application_start and self.application_end and self.application_end < self.application_start:
            errors["application_end"] = _("Applications cannot close before they open.")
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("A policy cannot replace itself.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.document_number_key = normalize_document_number(self.document_number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "document_number_key"}
        super().save(*args, **kwargs)

    def validity(self, today: date | None = None) -> str:
        """The same rule as ``PolicyQuerySet.with_validity``, for one loaded policy."""
        today = today or timezone.localdate()
        if self.replaced_by_id:
            return Validity.REPLACED
        if self.repealed_on and self.repealed_on <= today:
            return Validity.REPEALED
        if self.expires_on and self.expires_on < today:
            return Validity.EXPIRED
        if self.effective_on > today:
            return Validity.NOT_YET_EFFECTIVE
        if self.expires_on and self.expires_on <= today + EXPIRING_WITHIN:
            return Validity.EXPIRING
        return Validity.VALID

    @property
    def validity_label(self) -> str:
        return Validity(getattr(self, "validity_state", None) or self.validity()).label

    @property
    def validity_code(self) -> str:
        return getattr(self, "validity_state", None) or self.validity()

    @property
    def is_no_longer_valid(self) -> bool:
        """Expired, repealed or replaced; a policy not yet in force is not “no longer” valid."""
        return self.validity_code in Validity.ended()

    @property
    def contact_phone_tel(self) -> str:
        """The enquiry phone for ``href="tel:…"`` links."""
        return tel_number(self.contact_phone)

    @property
    def measures(self) -> list[str]:
        return [line.strip() for line in self.key_measures.splitlines() if line.strip()]

    def replacement_chain(self, limit: int = 5) -> list["Policy"]:
        """The policies that replaced this one, newest last (stops on a loop)."""
        chain, current, seen = [], self, {self.pk}
        while current.replaced_by_id and len(chain) < limit and current.replaced_by_id not in seen:
            current = current.replaced_by
            seen.add(current.pk)
            chain.append(current)
        return chain


def attachment_path(instance: "Attachment", filename: str) -> str:
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"policies/attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """A file attached to a policy: stored under a generated name, served with its original name."""

    policy = models.ForeignKey(Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=attachment_path, validators=[validate_attachment])
    original_name = models.CharField(_("original file name"), max_length=200, editable=False)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    kind = models.CharField(_("type"), max_length=10, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.original_name

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self.original_name = os.path.basename(self.file.name)[:200]
            self.size = self.file.size
            self.kind = sniff_attachment(self.file)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("policies:attachment", kwargs={"pk": self.pk})

    @property
    def display_name(self) -> str:
        return self.title or os.path.splitext(self.original_name)[0] or str(_("Attachment"))

    @property
    def download_name(self) -> str:
        """The name the visitor's browser saves the file under: the uploaded file's own name."""
        return self.original_name or f"{self.display_name}{os.path.splitext(self.file.name)[1]}"
