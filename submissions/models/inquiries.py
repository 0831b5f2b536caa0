"""Business inquiries (招商咨询, 获取政策资料, 企业入驻) and the lead desk's follow-up and access logs."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.db import TimeStampedModel
from cms.workflow.models import Transition
from cms.workflow.moves import Move, Workflow
from cms.workflow.states import WorkflowError

from ..choices import ConsultTopic


class InquiryKind(models.TextChoices):
    CONSULT = "consult", _("Investment consultation")
    SETTLE = "settle", _("Company settlement application")


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New lead")
    CONTACTED = "contacted", _("Contacted")
    QUALIFIED = "qualified", _("Qualified")
    LANDED = "landed", _("Landed")
    CLOSED = "closed", _("Closed")

    @classmethod
    def open(cls) -> list[str]:
        return [cls.NEW, cls.CONTACTED, cls.QUALIFIED]


class Plan(models.TextChoices):
    RESEARCH = "research", _("Research and development")
    HEADQUARTERS = "headquarters", _("Headquarters")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    SALES = "sales", _("Sales")
    OTHER = "other", _("Other")


class SpaceType(models.TextChoices):
    OFFICE = "office", _("Office")
    FACTORY = "factory", _("Factory")
    WAREHOUSE = "warehouse", _("Warehouse")
    LAND = "land", _("Land")


class Headcount(models.TextChoices):
    UNDER_20 = "under_20", _("Fewer than 20")
    FROM_20 = "20_99", _("20–99")
    FROM_100 = "100_499", _("100–499")
    FROM_500 = "500_plus", _("500 or more")


class Investment(models.TextChoices):
    UNDER_10M = "under_10m", _("Under 10 million yuan")
    FROM_10M = "10m_100m", _("10–100 million yuan")
    FROM_100M = "100m_1b", _("100 million – 1 billion yuan")
    FROM_1B = "1b_plus", _("1 billion yuan or more")


class Timeframe(models.TextChoices):
    WITHIN_3_MONTHS = "3_months", _("Within 3 months")
    WITHIN_6_MONTHS = "6_months", _("Within 6 months")
    WITHIN_A_YEAR = "12_months", _("Within a year")
    LATER = "later", _("Later or not decided")


class InquiryError(WorkflowError):
    """An illegal move on an inquiry; the message is for the officer."""


def _first_response(locked, *, now, **_ignored) -> dict:
    return {"first_responded_at": now} if locked.first_responded_at is None else {}


def _closed(locked, *, now, **_ignored) -> dict:
    return {"closed_at": now}


#: 新线索 → 已联系 → 有效 → 已落地, or 已关闭 from any open state; each recorded with who, when and the note.
INQUIRY_WORKFLOW = Workflow(
    Move("contact", _("Mark as contacted"), frozenset({InquiryStatus.NEW}), InquiryStatus.CONTACTED, "change",
         changes=_first_response),
    Move("qualify", _("Mark as qualified"), frozenset({InquiryStatus.CONTACTED}), InquiryStatus.QUALIFIED, "change"),
    Move("land", _("Mark as landed"), frozenset({InquiryStatus.QUALIFIED}), InquiryStatus.LANDED, "change",
         changes=_closed),
    Move("close", _("Close"), frozenset(InquiryStatus.open()), InquiryStatus.CLOSED, "change", changes=_closed),
    error=InquiryError,
    denied=_("You do not have permission to handle inquiries."),
)  # fmt: skip


class InquiryQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=InquiryStatus.open())

    def awaiting_first_response(self):
        return self.filter(status=InquiryStatus.NEW)


class Inquiry(TimeStampedModel):
    kind = models.CharField(_("type"), max_length=10, choices=InquiryKind.choices)
    topic = models.CharField(_("consulting topic"), max_length=20, choices=ConsultTopic.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.NEW)
    name = models.CharField(_("contact name"), max_length=60)
    job_title = models.CharField(_("job title"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    email = models.EmailField(_("email"), blank=True)
    company = models.CharField(_("company"), max_length=120, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    industry = models.ForeignKey(
        "policies.Industry", verbose_name=_("industry"), null=True, blank=True, on_delete=models.SET_NULL
    )
    message = models.TextField(_("message"), blank=True)
    policy = models.ForeignKey(
        "policies.Policy", verbose_name=_("policy of interest"), null=True, blank=True, on_delete=models.SET_NULL
    )
    plans = models.JSONField(_("plans"), default=list, blank=True)
    space_area = models.PositiveIntegerField(_("space needed (m²)"), null=True, blank=True)
    space_type = models.CharField(_("type of space"), max_length=20, choices=SpaceType.choices, blank=True)
    headcount = models.CharField(_("planned headcount"), max_length=20, choices=Headcount.choices, blank=True)
    investment = models.CharField(_("planned investment"), max_length=20, choices=Investment.choices, blank=True)
    timeframe = models.CharField(_("timeframe"), max_length=20, choices=Timeframe.choices, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assignee"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    source_page = models.CharField(_("source page"), max_length=300, blank=True)
    utm = models.JSONField(_("campaign parameters"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    privacy_version = models.CharField(_("privacy notice version"), max_length=40)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    idempotency_token = models.UUIDField(unique=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("possible duplicate of"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="duplicates",
    )  # fmt: skip
    is_high_value = models.BooleanField(_("high value"), default=False)
    first_response_due = models.DateTimeField(_("first response due"))
    first_responded_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    purged_at = models.DateTimeField(_("personal data removed"), null=True, blank=True, editable=False)
    transitions = GenericRelation(Transition)

    objects = InquiryQuerySet.as_manager()
    workflow = INQUIRY_WORKFLOW
    #: Officers' notes on a move may name the inquirer: the audit log (read by reviewers) records the move only.
    audit_comments = False

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        permissions = [
            ("view_inquiry_personal_data", _("Can see inquirers' personal data")),
            ("export_inquiry", _("Can export inquiries")),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="inquiry_status_idx"),
            models.Index(fields=["phone", "created_at"], name="inquiry_phone_idx"),
            models.Index(fields=["credit_code", "created_at"], name="inquiry_credit_code_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.company or self.get_kind_display()}"

    def is_overdue(self, now=None) -> bool:
        return self.status == InquiryStatus.NEW and (now or timezone.now()) > self.first_response_due


class FollowUp(models.Model):
    inquiry = models.ForeignKey(Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="follow_ups")
    note = models.TextField(_("note"))
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.note[:40]
