"""The lead desk: receiving inquiries, flags, the first-response timer, transitions, masking, export, retention."""

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.ops.privacy import ANONYMISED, Purger
from cms.public.links import site_url
from cms.public.models import Page, SiteSettings
from cms.security import audit
from cms.security.models import AuditAction
from cms.workflow.services import record_creation, transition

from ..models import Inquiry, InquiryError, InquiryStatus
from ..outbox import queue_email
from ..privacy import of_subject

DUPLICATE_WINDOW = timedelta(days=30)


@dataclass(frozen=True)
class HighValueRule:
    description: str
    applies: callable


#: Rules editors can read: an inquiry matching any of them is flagged as high value.
HIGH_VALUE_RULES = [
    HighValueRule(gettext_lazy("Planned investment of 100 million yuan or more"),
                  lambda inquiry: inquiry.investment in {"100m_1b", "1b_plus"}),
    HighValueRule(gettext_lazy("Planned headcount of 100 or more"),
                  lambda inquiry: inquiry.headcount in {"100_499", "500_plus"}),
    HighValueRule(gettext_lazy("Headquarters plans"), lambda inquiry: "headquarters" in (inquiry.plans or [])),
]  # fmt: skip


def high_value_reasons(inquiry: Inquiry) -> list[str]:
    return [str(rule.description) for rule in HIGH_VALUE_RULES if rule.applies(inquiry)]


def add_working_days(start: datetime, days: int) -> datetime:
    """``start`` plus ``days`` working days (Monday to Friday), at the same local time."""
    moment = timezone.localtime(start)
    remaining = days
    while remaining > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            remaining -= 1
    return moment


def privacy_version() -> str:
    """The version of /privacy/ the visitor agreed to: its date and a short hash of its text."""
    page = Page.objects.published().filter(slug="privacy").only("body", "updated_at").first()
    if page is None:
        return "none"
    digest = hashlib.sha256(page.body.encode()).hexdigest()[:10]
    return f"{timezone.localdate(page.updated_at):%Y-%m-%d}-{digest}"


def find_earlier_lead(*, phone: str, credit_code: str, now=None) -> Inquiry | None:
    since = (now or timezone.now()) - DUPLICATE_WINDOW
    earlier = Inquiry.objects.filter(created_at__gte=since, purged_at__isnull=True)
    match = earlier.filter(phone=phone)
    if credit_code:
        match = match | earlier.filter(credit_code=credit_code)
    return match.order_by("created_at").first()


def submit_inquiry(*, kind: str, data: dict, utm: dict, ip_address: str | None) -> tuple[Inquiry, bool]:
    """Store an inquiry from validated form data. A repeated token returns the first record: (inquiry, created)."""
    token = data["token"]
    existing = Inquiry.objects.filter(idempotency_token=token).first()
    if existing:
        return existing, False
    now = timezone.now()
    fields = {
        name: data[name]
        for name in ("topic", "name", "job_title", "phone", "email", "company", "credit_code", "industry", "message",
                     "policy", "plans", "space_area", "space_type", "headcount", "investment", "timeframe")
        if name in data and data[name] not in (None, "")
    }  # fmt: skip
    inquiry = Inquiry(
        kind=kind,
        **fields,
        source_page=data.get("source_page", "")[:300],
        utm=utm,
        consent_at=now,
        privacy_version=privacy_version(),
        ip_address=ip_address or None,
        idempotency_token=token,
        first_response_due=add_working_days(now, settings.INQUIRY_FIRST_RESPONSE_WORKING_DAYS),
    )
    inquiry.is_high_value = bool(high_value_reasons(inquiry))
    inquiry.duplicate_of = find_earlier_lead(phone=inquiry.phone, credit_code=inquiry.credit_code, now=now)
    try:
        with transaction.atomic():
            inquiry.save()
            record_creation(inquiry, by=None)
            team = SiteSettings.load().contact_email
            if team:
                queue_email(
                    template="new_lead",
                    context={
                        "inquiry": inquiry,
                        "reasons": high_value_reasons(inquiry),
                        "admin_url": site_url() + reverse("admin:submissions_inquiry_change", args=[inquiry.pk]),
                    },
                    to=team,
                    topic=f"inquiry #{inquiry.pk}",
                )
    except IntegrityError:
        existing = Inquiry.objects.filter(idempotency_token=token).first()
        if existing is None:
            raise
        return existing, False
    return inquiry, True


def move(inquiry: Inquiry, action: str, *, by, note: str = "") -> None:
    """新线索 → 已联系 → 有效 → 已落地, or 已关闭 from any open state (``Inquiry.workflow``), with the note."""
    transition(inquiry, action, by=by, reason=note)


def mask_phone(phone: str) -> str:
    digits = phone or ""
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 8 else "****"


def mask_name(name: str) -> str:
    return f"{name[:1]}{'*' * max(1, len(name) - 1)}" if name else ""


def mask_email(email: str) -> str:
    if "@" not in (email or ""):
        return ""
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"


def log_detail_view(inquiry: Inquiry, *, request) -> None:
    """An inquiry shown unmasked: one audit row per view."""
    audit.record(AuditAction.PERSONAL_DATA_VIEW, obj=inquiry, request=request, data={"records": 1})


def log_list_view(inquiries, *, request, filters: dict) -> None:
    """A page of the lead list shown unmasked: one audit row per page view, with the filter used and the leads
    shown. A search term is kept masked like a name (it is often a phone number or a name)."""
    shown = [inquiry.pk for inquiry in inquiries]
    filters = dict(filters)
    if filters.get("q"):
        filters["q"] = mask_name(filters["q"])
    audit.record(
        AuditAction.PERSONAL_DATA_LIST, obj=Inquiry, request=request,
        detail=_("%(count)d lead(s) shown") % {"count": len(shown)},
        data={"filters": filters, "records": len(shown), "ids": shown},
    )  # fmt: skip


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Neutralise cells a spreadsheet would run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


EXPORT_COLUMNS = [
    (gettext_lazy("Number"), lambda i: i.pk),
    (gettext_lazy("Received"), lambda i: timezone.localtime(i.created_at).strftime("%Y-%m-%d %H:%M")),
    (gettext_lazy("Type"), lambda i: i.get_kind_display()),
    (gettext_lazy("Consulting topic"), lambda i: i.get_topic_display()),
    (gettext_lazy("Status"), lambda i: i.get_status_display()),
    (gettext_lazy("Company name"), lambda i: i.company),
    (gettext_lazy("Name"), lambda i: i.name),
    (gettext_lazy("Phone"), lambda i: i.phone),
    (gettext_lazy("Email"), lambda i: i.email),
    (gettext_lazy("Industry"), lambda i: i.industry.name if i.industry else ""),
    (gettext_lazy("Message"), lambda i: i.message),
    (gettext_lazy("High value"), lambda i: _("yes") if i.is_high_value else ""),
]


def export_csv(inquiries, *, by) -> bytes:
    """UTF-8 with a BOM (so Excel reads the Chinese), formula cells neutralised; the export is logged."""
    if not by.has_perm("submissions.export_inquiry"):
        raise InquiryError(_("You do not have permission to export inquiries."))
    rows = list(inquiries.select_related("industry"))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(label) for label, _getter in EXPORT_COLUMNS])
    for inquiry in rows:
        writer.writerow([spreadsheet_safe(getter(inquiry)) for _label, getter in EXPORT_COLUMNS])
    audit.record(
        AuditAction.EXPORT, obj=Inquiry, user=by, detail=_("%(count)d lead(s) exported") % {"count": len(rows)},
        data={"records": len(rows), "ids": [inquiry.pk for inquiry in rows]},
    )  # fmt: skip
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _anonymise(inquiries) -> int:
    return inquiries.update(
        name=ANONYMISED, phone="", email="", job_title="", ip_address=None, message="", credit_code="",
        purged_at=timezone.now(),
    )  # fmt: skip


def _expired():
    before = timezone.now() - timedelta(days=settings.INQUIRY_RETENTION_DAYS)
    return Inquiry.objects.filter(
        status__in=[InquiryStatus.CLOSED, InquiryStatus.LANDED], closed_at__lt=before, purged_at__isnull=True
    )


def _of_subject(subject: str):
    return of_subject(Inquiry.objects.filter(purged_at__isnull=True), subject)


PURGER = Purger(label=gettext_lazy("closed inquiries"), expired=_expired, of_subject=_of_subject, anonymise=_anonymise)
