"""Contributions (投稿), business inquiries and the outgoing-email queue they share."""

from .contributions import Contribution, ContributionKind, ContributionStatus, ContributionTerms, RejectionReason
from .inquiries import (
    AccessAction,
    FollowUp,
    Headcount,
    Inquiry,
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
    "ContributionKind",
    "ContributionStatus",
    "ContributionTerms",
    "FollowUp",
    "Headcount",
    "Inquiry",
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
