"""How policies enter the search index: title, then key measures and 文号, then the full text."""

from django.utils import timezone

from cms.caching.tags import POLICIES, TERMS
from cms.search.documents import DocumentSource, IndexEntry
from cms.search.models import Kind
from cms.text.plain import html_to_text

from .models import Policy


def policy_entry(policy: Policy) -> IndexEntry:
    authorities = "、".join(authority.name for authority in policy.authorities.all())
    return IndexEntry(
        kind=Kind.POLICY,
        title=policy.title,
        summary="\n".join([*policy.measures, authorities]),
        body_text=html_to_text(policy.body),
        url=policy.get_absolute_url(),
        published_at=policy.publish_at,
        document_number=policy.document_number,
    )


def policy_details(ids: list[int]) -> dict[int, Policy]:
    """The policies behind search results, with their validity for the badge beside each result."""
    return Policy.objects.filter(pk__in=ids).with_validity(timezone.localdate()).in_bulk()


SOURCE = DocumentSource(
    model=Policy,
    indexable=lambda: Policy.objects.published_or_scheduled().prefetch_related("authorities"),
    entry=policy_entry,
    cache_tags=(POLICIES, TERMS),
    details=policy_details,
    detail_template="policies/includes/search_detail.html",
)
