"""Contributions (投稿), business inquiries and the outgoing-email queue they share."""

from .contributions import (
    Contribution,
    ContributionError,
    ContributionKind,
    ContributionStatus,
    ContributionTerms,
    RejectionReason,
)
from .inquiries import (
    FollowUp,
    Headcount,
    Inquiry,
    InquiryError,
    InquiryKind,
    InquiryStatus,
    Investment,
    Plan,
    SpaceType,
    Timeframe,
)
from .outbox import OutboundEmail
from .protection import UsedRenderToken

__all__ = [
    "Contribution",
    "ContributionError",
    "ContributionKind",
    "ContributionStatus",
    "ContributionTerms",
    "FollowUp",
    "Headcount",
    "Inquiry",
    "InquiryError",
    "InquiryKind",
    "InquiryStatus",
    "Investment",
    "OutboundEmail",
    "Plan",
    "RejectionReason",
    "SpaceType",
    "Timeframe",
    "UsedRenderToken",
]
