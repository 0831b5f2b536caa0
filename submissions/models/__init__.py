"""Contributions (投稿), business inquiries and the outgoing-email queue they share."""

from .contributions import Contribution, ContributionKind, ContributionStatus, ContributionTerms, RejectionReason
from .outbox import OutboundEmail

__all__ = [
    "Contribution",
    "ContributionKind",
    "ContributionStatus",
    "ContributionTerms",
    "OutboundEmail",
    "RejectionReason",
]
