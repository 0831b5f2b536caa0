"""Workflow states, the domain error and the one signal every state change sends."""

from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

#: Sent after commit with ``instance``, ``transition`` (a Transition) and ``by`` (the user).
transitioned = Signal()


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class Action(models.TextChoices):
    """What a history row records besides a change of state (the state may stay the same)."""

    SUBMIT_CHANGE = "submit_change", _("Change submitted for review")
    PUBLISH_CHANGE = "publish_change", _("Change published")
    SCHEDULE_CHANGE = "schedule_change", _("Change scheduled")
    REJECT_CHANGE = "reject_change", _("Change sent back")
    RESTORE = "restore", _("Earlier version restored")
    RECOVER = "recover", _("Deleted item recovered")
    EDIT = "edit", _("Edited outside the workflow")


class ChangeStatus(models.TextChoices):
    IN_REVIEW = "in_review", _("Awaiting review")
    SENT_BACK = "sent_back", _("Sent back")


class WorkflowError(Exception):
    """An illegal move: wrong state, missing permission or missing reason. The message is for the editor."""
