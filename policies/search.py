"""How policies enter the search index: title, then key measures and 文号, then the full text."""

from cms.publishing import Status
from cms.search.documents import DocumentSource, IndexEntry
from cms.search.indexing import register
from cms.search.models import Kind
from cms.text import html_to_text

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


register(
    DocumentSource(
        model=Policy,
        indexable=lambda: Policy.objects.filter(status=Status.PUBLISHED, publish_at__isnull=False).prefetch_related(
            "authorities"
        ),
        entry=policy_entry,
    )
)
