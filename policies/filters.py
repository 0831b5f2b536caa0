"""The policy library's faceted browsing: a query-string form, and facet counts computed in a fixed number of queries.

Every facet's counts take the other facets' selections into account (not its own), the usual faceting rule.
The library is hundreds to a few thousand policies, so one light row per matching policy is read and the
facets are counted in Python; the number of queries stays the same however many policies there are.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, ExtractYear
from django.utils.translation import gettext_lazy as _

from cms.text.document_numbers import normalize_document_number

from .models import Level, Policy, Validity

PAGE_SIZE = 20
ALL = "all"


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values and silently drops unknown or malformed ones: a bad link never breaks the page."""

    def clean(self, value):
        valid = {str(key) for key, _label in self.choices}
        return [item for item in (value or []) if isinstance(item, str) and item in valid]


class PolicyFilterForm(forms.Form):
    q = forms.CharField(label=_("Keyword"), max_length=100, required=False, strip=True)
    level = LenientMultipleChoiceField(label=_("Level"), choices=Level.choices, required=False)
    authority = LenientMultipleChoiceField(label=_("Issuing authority"), required=False)
    industry = LenientMultipleChoiceField(label=_("Industry"), required=False)
    support = LenientMultipleChoiceField(label=_("Support type"), required=False)
    validity = LenientMultipleChoiceField(
        label=_("Validity"), choices=[*Validity.choices, (ALL, _("All"))], required=False
    )
    year = LenientMultipleChoiceField(label=_("Year issued"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("issued", _("Date issued")), ("effective", _("Effective date"))],
        required=False,
    )

    def __init__(self, data, *, option_values: dict[str, list[str]]):
        data = data.copy()
        if "q" in data:
            data["q"] = data["q"][:100]
        super().__init__(data)
        for name, values in option_values.items():
            self.fields[name].choices = [(value, value) for value in values]

    def selections(self) -> dict:
        """The cleaned selections; a malformed field falls back to its default."""
        self.is_valid()
        cleaned = self.cleaned_data
        validity = cleaned.get("validity") or []
        return {
            "q": cleaned.get("q", ""),
            "level": set(cleaned.get("level", [])),
            "authority": {int(value) for value in cleaned.get("authority", [])},
            "industry": set(cleaned.get("industry", [])),
            "support": set(cleaned.get("support", [])),
            "validity": set() if ALL in validity else (set(validity) or set(Validity.current())),
            "validity_all": ALL in validity,
            "year": {int(value) for value in cleaned.get("year", [])},
            "sort": cleaned.get("sort") or "issued",
        }


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    clear_url: str | None = None


@dataclass
class PolicyLibraryResult:
    policies: list
    total: int
    facets: list[Facet]
    selections: dict


def _keyword_filter(q: str) -> Q:
    key = normalize_document_number(q)
    condition = Q(title__icontains=q) | Q(body__icontains=q) | Q(key_measures__icontains=q)
    if key:
        condition |= Q(document_number_key__icontains=key)
    return condition


def search_policies(params, *, page_number: int, today=None) -> tuple[PolicyLibraryResult, PolicyFilterForm]:
    """Filter, count facets and fetch one page of the library. ``params`` is ``request.GET``."""
    base = Policy.objects.published()
    raw_q = params.get("q", "").replace("\x00", "")[:100].strip()
    if raw_q:
        base = base.filter(_keyword_filter(raw_q))

    # 1 query: one light row per matching policy.
    rows = list(
        base.with_validity(today)
        .annotate(year=ExtractYear("issued_on"))
        .values_list("pk", "level", "validity_state", "year", "issued_on", "effective_on")
    )
    # 1 query: the many-to-many facet memberships, with the option names.
    through = {
        "authority": (Policy.authorities.through, "authority"),
        "industry": (Policy.industries.through, "industry"),
        "support": (Policy.support_types.through, "supporttype"),
    }
    pks = [row[0] for row in rows]
    membership_queries = [
        model.objects.filter(policy_id__in=base.values("pk"))
        .annotate(
            facet=Value(name, output_field=CharField()),
            value=Cast(f"{target}__pk", CharField()) if name == "authority" else F(f"{target}__slug"),
            option_name=F(f"{target}__name"),
            option_order=F(f"{target}__order"),
        )
        .values_list("policy_id", "facet", "value", "option_name", "option_order")
        for name, (model, target) in through.items()
    ]
    memberships = list(membership_queries[0].union(*membership_queries[1:], all=True)) if pks else []

    attributes: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    option_names: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    for policy_id, facet_name, value, name, order in memberships:
        attributes[policy_id][facet_name].add(str(value))
        option_names[facet_name][str(value)] = (name, order)
    for pk, level, validity, year, _issued, _effective in rows:
        attributes[pk]["level"].add(level)
        attributes[pk]["validity"].add(validity)
        attributes[pk]["year"].add(str(year))
        option_names["year"][str(year)] = (str(year), -year)

    form = PolicyFilterForm(
        params,
        option_values={
            "authority": list(option_names["authority"]),
            "industry": list(option_names["industry"]),
            "support": list(option_names["support"]),
            "year": list(option_names["year"]),
        },
    )
    selections = form.selections()
    selected = {
        "level": selections["level"],
        "authority": {str(value) for value in selections["authority"]},
        "industry": selections["industry"],
        "support": selections["support"],
        "validity": selections["validity"],
        "year": {str(value) for value in selections["year"]},
    }

    def matches(pk: int, skip: str | None = None) -> bool:
        return all(not wanted or attributes[pk][name] & wanted for name, wanted in selected.items() if name != skip)

    counts = {name: Counter() for name in selected}
    for pk in pks:
        for name in selected:
            if matches(pk, skip=name):
                counts[name].update(attributes[pk][name])

    matching = [row for row in rows if matches(row[0])]
    sort_index = 5 if selections["sort"] == "effective" else 4
    matching.sort(key=lambda row: (row[sort_index], row[0]), reverse=True)
    total = len(matching)
    start = (page_number - 1) * PAGE_SIZE
    page_pks = [row[0] for row in matching[start : start + PAGE_SIZE]]
    # 2 queries: the page's policies and their authorities.
    by_pk = Policy.objects.with_validity(today).prefetch_related("authorities").in_bulk(page_pks)
    policies = [by_pk[pk] for pk in page_pks if pk in by_pk]

    labels = {
        "level": dict(Level.choices),
        "validity": dict(Validity.choices),
    }
    facets = []
    for name, label in [
        ("validity", _("Validity")),
        ("level", _("Level")),
        ("authority", _("Issuing authority")),
        ("industry", _("Industry")),
        ("support", _("Support type")),
        ("year", _("Year issued")),
    ]:
        if name in labels:
            order = list(labels[name])
            values = sorted(counts[name], key=order.index)
            names = {value: str(labels[name][value]) for value in values}
        else:
            values = sorted(counts[name], key=lambda value, n=name: (option_names[n][value][1], value))
            names = {value: option_names[name][value][0] for value in values}
        options = [
            FacetOption(value=value, label=names[value], count=counts[name][value], selected=value in selected[name])
            for value in values
        ]
        facets.append(Facet(name=name, label=str(label), options=options))
    return PolicyLibraryResult(policies=policies, total=total, facets=facets, selections=selections), form
