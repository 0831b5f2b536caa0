"""The models of the ``cms`` app. Each lives in its part of the core; importing them here registers them."""

from cms.media.models import EditorImage, editor_image_path
from cms.public.models import Page, SiteSettings
from cms.search.models import PopularSearch, SearchDocument, SearchLog
from cms.security.models import AuditEntry
from cms.workflow.models import PendingChange, Transition

__all__ = [
    "AuditEntry",
    "EditorImage",
    "Page",
    "PendingChange",
    "PopularSearch",
    "SearchDocument",
    "SearchLog",
    "SiteSettings",
    "Transition",
    "editor_image_path",
]
