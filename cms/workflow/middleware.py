"""Scheduled pending changes are published on time without cron: the first request after a change's time publishes
it before anything is served (the page cache, whose entries end at that moment, then renders the new version).

The next due time is a tagged cached value, kept in each process and re-checked only when the shared generation
moves, so the check costs a dictionary lookup per request. ``manage.py publish_scheduled_changes`` does the same for
offices that prefer a timer.
"""

import logging

from django.db import Error as DatabaseFailure
from django.utils import timezone

from cms.caching.pages import cached_value
from cms.caching.tags import PENDING_CHANGES
from cms.workflow import changes

logger = logging.getLogger(__name__)


def next_due() -> float | None:
    """The next scheduled change's time as a timestamp (any change already due included), or ``None``."""

    def compute():
        first = changes.scheduled_changes().order_by("publish_at").values_list("publish_at", flat=True).first()
        return first.timestamp() if first else None

    return cached_value("pending-changes:next-due", {PENDING_CHANGES}, compute)


class ScheduledChangesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            due = next_due()
            if due is not None and due <= timezone.now().timestamp():
                changes.apply_due_changes()
        except DatabaseFailure:  # the outage page answers for the view; a schedule can wait for the database
            logger.warning("Scheduled changes not checked: the database is unavailable")
        return self.get_response(request)
