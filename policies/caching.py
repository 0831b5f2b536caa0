"""Which cached pages show policies, and when scheduled policies appear (see cms/pagecache.py).

Tags: ``policies`` (the library, home, feeds, sitemap, search), ``policy-terms`` (issuing authorities, industries,
support types and topics: facet and label names), ``policy:<pk>`` (its page, pages of the policies it replaces and
of the articles interpreting it), ``industry:<slug>`` (the related-policy lists of the policies in that industry).
"""

from datetime import datetime

from taggit.models import TaggedItem

from articles.caching import article_tag
from cms.pagecache import register_schedule
from cms.purging import published_or_scheduled, watch

from .models import Attachment, Authority, Industry, Policy, SupportType, Topic

POLICIES = "policies"
TERMS = "policy-terms"


def policy_tag(pk: int) -> str:
    return f"policy:{pk}"


def industry_tag(slug: str) -> str:
    return f"industry:{slug}"


def policy_detail_tags(policy: Policy, *, industries, linked_policies, interpretations) -> set[str]:
    """What a policy's page shows: itself, its labels, the policies replacing it or replaced by it, interpretations
    and related policies (those sharing an industry)."""
    return {
        TERMS,
        policy_tag(policy.pk),
        *(policy_tag(linked.pk) for linked in linked_policies),
        *(industry_tag(industry.slug) for industry in industries),
        *(article_tag(article.pk) for article in interpretations),
    }


def pages_showing_policy(policy: Policy) -> set[str]:
    """Every tag whose pages show ``policy`` while it is published (or will, once it is scheduled)."""
    return {
        POLICIES,
        policy_tag(policy.pk),
        *(industry_tag(slug) for slug in policy.industries.values_list("slug", flat=True)),
        *(article_tag(pk) for pk in policy.interpretations.values_list("pk", flat=True)),
        # The policies it replaces show it in their replacement chain; the one replacing it lists it.
        *(policy_tag(pk) for pk in Policy.objects.filter(replaced_by=policy).values_list("pk", flat=True)),
        *([policy_tag(policy.replaced_by_id)] if policy.replaced_by_id else []),
    }


def pages_showing_attachment(attachment: Attachment) -> set[str]:
    return {policy_tag(attachment.policy_id)}


@register_schedule
def next_scheduled_policy(now: datetime) -> datetime | None:
    return Policy.objects.scheduled(now).order_by("publish_at").values_list("publish_at", flat=True).first()


through_models = (
    TaggedItem,
    Policy.authorities.through,
    Policy.industries.through,
    Policy.support_types.through,
    Policy.interpretations.through,
)
watch(Policy, pages_showing_policy, public=published_or_scheduled, m2m=through_models)
watch(Attachment, pages_showing_attachment)
for term in (Authority, Industry, SupportType, Topic):
    watch(term, lambda _term: {POLICIES, TERMS})
