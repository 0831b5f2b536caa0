"""The policy library's facets: counts in a fixed number of queries, and links that keep the other filters.

Every facet's counts take the other facets' selections into account (not its own), the usual faceting rule.
The library is hundreds to a few thousand policies, so one light row per policy matching the keyword is read and
the facets are counted in Python; the number of queries stays the same however many policies there are.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .forms import ALL
from .models import Level, Policy, Validity

#: The facets in the order the page shows them.
FACETS = [
    ("validity", _("Validity")),
    ("level", _("Level")),
    ("authority", _("Issuing authority")),
    ("industry", _("Industry")),
    ("support", _("Support type")),
    ("year", _("Year issued")),
]
#: Facets whose options are fixed choices, shown in the choices' order.
_CHOICES = {"level": Level.choices, "validity": Validity.choices}
#: Many-to-many facets: (through model, target field name on it).
_THROUGH = {
    "authority": (Policy.authorities.through, "authority"),
    "industry": (Policy.industries.through, "industry"),
    "support": (Policy.support_types.through, "supporttype"),
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
    #: The values the page is filtered by (for validity: the ones in force when nothing was chosen).
    selected: list[str] = field(default_factory=list)
    #: 全部: the link that lifts this facet's filter, and whether it is lifted now.
    all_url: str = ""
    all_selected: bool = False
    #: 清除: back to the facet's default; only when the query string chooses something in it.
    clear_url: str | None = None


@dataclass
class FacetData:
    """What every policy matching the keyword carries in each facet (values as strings)."""

    rows: list[tuple]  # (pk, issued_on, effective_on)
    attributes: dict[int, dict[str, set[str]]]
    option_names: dict[str, dict[str, tuple[str, int]]]  # facet → value → (label, order)

    @classmethod
    def load(cls, policies, today=None) -> "FacetData":
        """Two queries: one light row per policy, then the many-to-many memberships with the option names."""
        rows = list(
            policies.with_validity(today)
            .annotate(year=ExtractYear("issued_on"))
            .values_list("pk", "level", "validity_state", "year", "issued_on", "effective_on")
        )
        attributes: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        option_names: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
        for pk, level, validity, year, _issued, _effective in rows:
            attributes[pk]["level"].add(level)
            attributes[pk]["validity"].add(validity)
            attributes[pk]["year"].add(str(year))
            option_names["year"][str(year)] = (str(year), -year)
        if rows:
            queries = [
                model.objects.filter(policy_id__in=policies.values("pk"))
                .annotate(
                    facet=Value(name, output_field=CharField()),
                    value=Cast(f"{target}__pk", CharField()) if name == "authority" else F(f"{target}__slug"),
                    option_name=F(f"{target}__name"),
                    option_order=F(f"{target}__order"),
                )
                .values_list("policy_id", "facet", "value", "option_name", "option_order")
                for name, (model, target) in _THROUGH.items()
            ]
            for policy_id, name, value, label, order in queries[0].union(*queries[1:], all=True):
                attributes[policy_id][name].add(str(value))
                option_names[name][str(value)] = (label, order)
        return cls(
            rows=[(pk, issued, effective) for pk, _level, _validity, _year, issued, effective in rows],
            attributes=attributes,
            option_names=option_names,
        )

    def option_values(self) -> dict[str, list[str]]:
        """The values the filter form accepts for the facets whose options come from the data."""
        return {name: list(self.option_names[name]) for name in ("authority", "industry", "support", "year")}

    def _matches(self, pk: int, wanted: dict[str, set[str]], skip: str | None = None) -> bool:
        carried = self.attributes[pk]
        return all(not values or carried[name] & values for name, values in wanted.items() if name != skip)

    def matching(self, selected: dict[str, list[str]], *, sort: str = "issued") -> list[int]:
        """The pks of the policies that pass every facet, newest first (by issue or effective date)."""
        wanted = {name: set(values) for name, values in selected.items()}
        index = 2 if sort == "effective" else 1
        rows = [row for row in self.rows if self._matches(row[0], wanted)]
        return [row[0] for row in sorted(rows, key=lambda row: (row[index], row[0]), reverse=True)]

    def facets(self, selected: dict[str, list[str]], *, validity_all: bool = False) -> list[Facet]:
        """Each facet with its options and their counts (ignoring the facet's own selection)."""
        wanted = {name: set(values) for name, values in selected.items()}
        counts = {name: Counter() for name, _label in FACETS}
        for pk, _issued, _effective in self.rows:
            for name in counts:
                if self._matches(pk, wanted, skip=name):
                    counts[name].update(self.attributes[pk][name])
        facets = []
        for name, label in FACETS:
            if name in _CHOICES:
                labels = {str(value): str(text) for value, text in _CHOICES[name]}
                order = list(labels)
                values = sorted(counts[name], key=order.index)
            else:
                names = self.option_names[name]
                labels = {value: names[value][0] for value in counts[name]}
                values = sorted(counts[name], key=lambda value, names=names: (names[value][1], value))
            options = [
                FacetOption(value, labels[value], counts[name][value], value in wanted[name]) for value in values
            ]
            lifted = validity_all if name == "validity" else not selected[name]
            facets.append(Facet(name, str(label), options, list(selected[name]), all_selected=lifted))
        return facets


def _encode(params: QueryDict) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def _with(params: QueryDict, name: str, values: list[str] | None) -> str:
    """``params`` with ``name`` set to ``values`` (removed when ``None``) and ``page`` dropped: a new filter
    starts again on page 1, and every other parameter (keyword, other facets, sort) is kept."""
    changed = params.copy()
    changed.pop("page", None)
    changed.pop(name, None)
    if values is not None:
        changed.setlist(name, values)
    return _encode(changed)


def facet_links(facets: list[Facet], params: QueryDict) -> None:
    """Fill each option's ``url`` (select or deselect it), each facet's ``all_url`` (全部) and ``clear_url``."""
    for facet in facets:
        for option in facet.options:
            if option.selected:
                values = [value for value in facet.selected if value != option.value]
            else:
                values = [*facet.selected, option.value]
            if facet.name == "validity" and not values:
                values = [ALL]  # no validity left means every validity, not the default (in force)
            option.url = _with(params, facet.name, values)
        facet.all_url = _with(params, facet.name, [ALL] if facet.name == "validity" else None)
        if params.getlist(facet.name):
            facet.clear_url = _with(params, facet.name, None)
