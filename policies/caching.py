"""Which cached pages show policies, and when scheduled policies appear (tags: cms/caching/tags.py)."""

from datetime import datetime

from cms.caching.tags import POLICIES, TERMS, article_tag, industry_tag, policy_tag

from .models import Attachment, Policy


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


def next_scheduled_policy(now: datetime) -> datetime | None:
    return Policy.objects.scheduled(now).order_by("publish_at").values_list("publish_at", flat=True).first()
