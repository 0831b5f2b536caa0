"""How a model declares its workflow: the moves it allows, each with its states, permission and reason rule.

A model names its moves once, as ``workflow = Workflow(Move(…), …)`` on the class; ``cms.workflow.services.
transition()`` makes every move and the admin actions mixin (``cms.workflow.admin``) offers them as buttons and bulk
actions. Publishable content (news, policies, pages) shares ``PUBLISHING``; contributions and inquiries declare
their own moves next to their models.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from cms.workflow.states import Status, WorkflowError

#: ``changes(locked, *, by, now, reason, **extra) -> dict``: the fields a move sets besides the status. ``locked``
#: is the row as it is before the move (read under the lock); raise the workflow's error to refuse the move.
Changes = Callable[..., dict]


@dataclass(frozen=True)
class Move:
    """One allowed move: from any of ``allowed_from`` to ``to``.

    ``permission`` is a codename prefix (``"publish"`` → ``<app>.publish_<model>``) or a full ``app.codename``;
    ``None`` marks a move only the system makes (never offered in the admin). ``reason_required`` moves refuse a
    blank reason with ``reason_missing``. ``changes`` adds field changes and validates the move's extra arguments.
    """

    name: str
    label: str
    allowed_from: frozenset[str]
    to: str
    permission: str | None
    reason_required: bool = False
    reason_missing: str = _("Give a reason.")
    changes: Changes | None = field(default=None, compare=False)

    def permission_for(self, model) -> str | None:
        if self.permission is None or "." in self.permission:
            return self.permission
        return f"{model._meta.app_label}.{self.permission}_{model._meta.model_name}"

    def allowed_by(self, user, model) -> bool:
        """Whether ``user`` may make this move on ``model``'s items (system moves: nobody through the admin)."""
        permission = self.permission_for(model)
        return permission is not None and user is not None and user.has_perm(permission)


class Workflow:
    """The moves of one model, by name. ``error`` is the domain error ``transition()`` raises for them."""

    def __init__(
        self,
        *moves: Move,
        error: type[WorkflowError] = WorkflowError,
        denied: str = _("You do not have permission to do this."),
    ):
        self.moves = {move.name: move for move in moves}
        self.error = error
        self.denied = denied

    def __iter__(self) -> Iterator[Move]:
        return iter(self.moves.values())

    def __getitem__(self, name: str) -> Move:
        return self.moves[name]

    def get(self, name: str) -> Move | None:
        return self.moves.get(name)

    def from_state(self, status: str, moves: Iterable[Move] | None = None) -> list[Move]:
        """The moves (of ``moves``, by default all) an item in ``status`` allows."""
        return [move for move in (self if moves is None else moves) if status in move.allowed_from]


def _publish_time(locked, *, now: datetime, at: datetime | None = None, **_ignored) -> dict:
    """Publish now, at ``at``, or at the item's own future publish time. Republishing an unpublished item without
    ``at`` dates it now (it reappears as new)."""
    publish_at = at or locked.publish_at
    if publish_at is None or (at is None and locked.status == Status.UNPUBLISHED):
        publish_at = now
    return {"publish_at": publish_at}


#: draft → in review → published; published → unpublished (with a reason); a reviewer sends an item in review back
#: to draft with a comment; an unpublished item is reopened as a draft. Publishing needs ``publish_<model>``.
PUBLISHING = Workflow(
    Move("submit", _("Submit for review"), frozenset({Status.DRAFT}), Status.IN_REVIEW, "change"),
    Move(
        "publish", _("Publish"), frozenset({Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED}), Status.PUBLISHED,
        "publish", changes=_publish_time,
    ),
    Move(
        "send_back", _("Send back to the editor"), frozenset({Status.IN_REVIEW}), Status.DRAFT, "publish",
        reason_required=True, reason_missing=_("Tell the editor what to change."),
    ),
    Move(
        "unpublish", _("Take offline"), frozenset({Status.PUBLISHED}), Status.UNPUBLISHED, "publish",
        reason_required=True, reason_missing=_("Give a reason for taking this item offline."),
    ),
    Move("reopen", _("Reopen as draft"), frozenset({Status.UNPUBLISHED}), Status.DRAFT, "change"),
)  # fmt: skip
