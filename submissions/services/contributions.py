"""The contribution pipeline: submit, review (claim / accept / reject), publish with attribution, notify.

Every state change is one function with one entry point. The move itself (state check, permission, history) is
``cms.workflow.services.transition()`` with the moves declared on ``Contribution.workflow``; these functions add
what the review desk does around it (the draft article, the emails, queued in the same transaction).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from articles.models import Article, Column
from cms.ops.privacy import ANONYMISED, Purger
from cms.workflow.services import record_creation, transition
from cms.workflow.states import Status, transitioned

from ..models import Contribution, ContributionStatus, ContributionTerms
from ..models import ContributionError as ContributionError  # re-exported: the desk's domain error, from transition()
from ..outbox import queue_email
from ..privacy import of_subject

DUPLICATE_WINDOW = timedelta(hours=24)


def _next_receipt_code(now) -> str:
    day = timezone.localdate(now)
    prefix = f"TG{day:%Y%m%d}-"
    last = (
        Contribution.objects.filter(receipt_code__startswith=prefix)
        .order_by("-receipt_code")
        .values_list("receipt_code", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def duplicate_key(*, email: str, title: str, now=None) -> str:
    """The same email (any case) and title on the same day, hashed: the database stores one contribution per key,
    so two copies posted at the same moment give one row (``find_duplicate`` covers the 24 hours before)."""
    day = timezone.localdate(now or timezone.now())
    return hashlib.sha256(f"{day:%Y%m%d}\n{email.strip().lower()}\n{title.strip()}".encode()).hexdigest()


def find_duplicate(*, email: str, title: str, now=None) -> Contribution | None:
    """The same email and title within 24 hours: the contributor clicked twice or sent the piece again."""
    now = now or timezone.now()
    return (
        Contribution.objects.filter(
            email__iexact=email.strip(), title=title.strip(), created_at__gte=now - DUPLICATE_WINDOW
        )
        .order_by("created_at")
        .first()
    )


def submit_contribution(*, data: dict, terms: ContributionTerms, ip_address: str | None) -> tuple[Contribution, bool]:
    """Store a contribution from the validated form data. Returns (contribution, created).

    A repeated idempotency token or the same email and title within 24 hours return the existing record, also when
    the copies arrive at the same moment: the database refuses a second row with the same ``duplicate_key``.
    """
    token = data["token"]

    def existing() -> Contribution | None:
        return Contribution.objects.filter(idempotency_token=token).first() or find_duplicate(
            email=data["email"], title=data["title"]
        )

    if found := existing():
        return found, False
    for _attempt in range(5):
        now = timezone.now()
        try:
            with transaction.atomic():
                contribution = Contribution.objects.create(
                    receipt_code=_next_receipt_code(now),
                    kind=data["kind"],
                    title=data["title"].strip(),
                    body=data["body"],
                    unit=data["unit"].strip(),
                    author=data["author"].strip(),
                    email=data["email"].strip(),
                    phone=data.get("phone", ""),
                    terms=terms,
                    agreed_at=now,
                    ip_address=ip_address or None,
                    idempotency_token=token,
                    duplicate_key=duplicate_key(email=data["email"], title=data["title"], now=now),
                )
                record_creation(contribution, by=None)
                queue_email(
                    template="contribution_received",
                    context={"contribution": contribution},
                    to=contribution.email,
                    topic=contribution.receipt_code,
                )
                return contribution, True
        except IntegrityError:
            if found := existing():  # a parallel request with the same token or the same piece won the race
                return found, False
            # else: two contributions took the same receipt number at once; try the next one
    raise IntegrityError("Could not allocate a receipt code.")


def claim(contribution: Contribution, *, by) -> None:
    """开始审核: the reviewer takes the contribution."""
    transition(contribution, "claim", by=by)


def text_to_paragraphs(text: str) -> str:
    """Plain text from the public → safe HTML paragraphs (tags the contributor typed stay visible text)."""
    paragraphs = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n")]
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs if paragraph)


def accept(contribution: Contribution, *, by, column: Column, note: str = "") -> Article:
    """采用: creates a draft article with attribution, linked both ways. Editors then edit and publish it."""
    with transaction.atomic():
        article = Article.objects.create(
            title=contribution.title,
            column=column,
            body=text_to_paragraphs(contribution.body),
            author=contribution.author,
            contributing_unit=contribution.unit,
            status=Status.DRAFT,
            created_by=by,
            updated_by=by,
        )
        record_creation(article, by=by)
        transition(contribution, "accept", by=by, reason=note, article=article)
        queue_email(
            template="contribution_accepted", context={"contribution": contribution}, to=contribution.email,
            topic=contribution.receipt_code,
        )  # fmt: skip
    return article


def reject(contribution: Contribution, *, by, reason: str, note: str = "") -> None:
    """不采用, with a reason from the list and an optional note; the contributor is told both."""
    with transaction.atomic():
        transition(contribution, "reject", by=by, reason=note, rejection_reason=reason)
        queue_email(
            template="contribution_rejected", context={"contribution": contribution}, to=contribution.email,
            topic=contribution.receipt_code,
        )  # fmt: skip


@receiver(transitioned, sender=Article, dispatch_uid="contribution-article-published")
def article_published(sender, instance: Article, by, **kwargs) -> None:
    """When the article made from a contribution goes live, tell the contributor where to read it."""
    if kwargs["transition"].to_status != Status.PUBLISHED:
        return
    contribution = Contribution.objects.filter(article=instance, status=ContributionStatus.ACCEPTED).first()
    if contribution is None:
        return
    with transaction.atomic():
        transition(contribution, "publish", by=by)
        queue_email(
            template="contribution_published",
            context={"contribution": contribution, "article": instance,
                     "article_url": f"{settings.SITE_URL}{instance.get_absolute_url()}"},
            to=contribution.email,
            topic=contribution.receipt_code,
        )  # fmt: skip


def _anonymise(contributions) -> int:
    return contributions.update(
        email=f"deleted-{timezone.now():%Y%m%d}@invalid", phone="", ip_address=None, author=ANONYMISED,
        duplicate_key=None, purged_at=timezone.now(),
    )  # fmt: skip


def _of_subject(subject: str):
    return of_subject(Contribution.objects.filter(purged_at__isnull=True), subject)


def _expired():
    return Contribution.objects.purgeable(before=timezone.now() - timedelta(days=settings.CONTRIBUTION_RETENTION_DAYS))


PURGER = Purger(
    label=gettext_lazy("rejected contributions"), expired=_expired, of_subject=_of_subject, anonymise=_anonymise
)
