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


class WorkflowError(Exception):
    """An illegal move: wrong state, missing permission or missing reason. The message is for the editor."""
