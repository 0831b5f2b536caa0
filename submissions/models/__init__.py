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
    AccessAction,
    FollowUp,
    Headcount,
    Inquiry,
    InquiryError,
    InquiryKind,
    InquiryStatus,
    Investment,
    PersonalDataAccess,
    Plan,
    SpaceType,
    Timeframe,
)
from .outbox import OutboundEmail

__all__ = [
    "AccessAction",
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
    "PersonalDataAccess",
    "Plan",
    "RejectionReason",
    "SpaceType",
    "Timeframe",
]
