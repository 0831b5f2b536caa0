"""Personal-data retention (PIPL): anonymise what is past its retention period, or one data subject on request.

Each kind of record registers a ``Purger`` under ``hooks.PERSONAL_DATA_PURGERS``; ``manage.py
purge_personal_data`` runs them all.
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
