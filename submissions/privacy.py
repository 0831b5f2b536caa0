"""Personal-data retention (PIPL): anonymise what is past its retention period, or one data subject on request.

Each kind of record registers a ``Purger``; ``manage.py purge_personal_data`` runs them all.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

ANONYMISED = "（已删除）"


@dataclass(frozen=True)
class Purger:
    label: str
    expired: Callable[[], QuerySet]  # records past their retention period
    of_subject: Callable[[str], QuerySet]  # records of one person, by phone or email
    anonymise: Callable[[QuerySet], int]  # returns how many records were anonymised


PURGERS: list[Purger] = []


def register_purger(purger: Purger) -> Purger:
    PURGERS.append(purger)
    return purger


def of_subject(queryset: QuerySet, subject: str) -> QuerySet:
    """The records of ``queryset`` (with ``email`` and ``phone``) that belong to one person, by email or phone."""
    from django.core.exceptions import ValidationError

    from .validators import normalize_phone

    if "@" in subject:
        return queryset.filter(email__iexact=subject)
    try:
        return queryset.filter(phone=normalize_phone(subject, allow_international=True))
    except ValidationError:
        return queryset.none()
