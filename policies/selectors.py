"""Read-side queries for policy pages."""

from dataclasses import dataclass

from django.db.models import CharField, Value

from .models import Authority, Industry, Policy


@dataclass(frozen=True)
class PolicyLabels:
    authorities: list[Authority]
    industries: list[Industry]


def labels_of(policy: Policy) -> PolicyLabels:
    """The policy's issuing authorities and industries, in their editors' order, in one query."""
    kind = CharField()
    authority_rows = Policy.authorities.through.objects.filter(policy_id=policy.pk).values_list(
        Value("authority", output_field=kind), "authority_id", "authority__name", "authority__order", Value("")
    )
    industry_rows = Policy.industries.through.objects.filter(policy_id=policy.pk).values_list(
        Value("industry", output_field=kind), "industry_id", "industry__name", "industry__order", "industry__slug"
    )
    authorities, industries = [], []
    for row_kind, pk, name, order, slug in sorted(authority_rows.union(industry_rows, all=True), key=_by_order):
        if row_kind == "authority":
            authorities.append(Authority(pk=pk, name=name, order=order))
        else:
            industries.append(Industry(pk=pk, name=name, order=order, slug=slug))
    return PolicyLabels(authorities=authorities, industries=industries)


def _by_order(row) -> tuple:
    return row[3], row[2]
