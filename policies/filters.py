"""The policy library query: a keyword, facet selections and a page number → one page of policies and the facets.

The query string is validated by ``forms.PolicyFilterForm``; the facets are counted by ``facets.FacetData``.
Four queries however many policies there are: the facet rows and memberships (2), the page's policies and their
authorities (2).
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q

from cms.text.document_numbers import normalize_document_number

from .facets import Facet, FacetData, facet_links
from .forms import PolicyFilterForm
from .models import Policy

PAGE_SIZE = 20


@dataclass
class PolicyLibraryResult:
    page: Page
    facets: list[Facet]
    selections: dict

    @property
    def policies(self) -> list[Policy]:
        return self.page.object_list

    @property
    def total(self) -> int:
        return self.page.paginator.count


def keyword_filter(q: str) -> Q:
    """Title, full text and key measures contain ``q``, or the document number's key contains ``q``'s key (the
    one 文号 normaliser: 雲府發［2024］3號 finds 云府发〔2024〕3号)."""
    condition = Q(title__icontains=q) | Q(body__icontains=q) | Q(key_measures__icontains=q)
    key = normalize_document_number(q)
    if key:
        condition |= Q(document_number_key__icontains=key)
    return condition


def search_policies(params, *, page_number: int, today=None) -> PolicyLibraryResult:
    """Filter, count the facets and fetch one page of the library. ``params`` is ``request.GET``.

    Raises ``django.core.paginator.InvalidPage`` for a page past the last one.
    """
    policies = Policy.objects.published()
    if keyword := PolicyFilterForm.keyword(params):
        policies = policies.filter(keyword_filter(keyword))
    data = FacetData.load(policies, today)
    form = PolicyFilterForm(params, option_values=data.option_values())
    selections, selected = form.selections(), form.facet_values()

    page = Paginator(data.matching(selected, sort=selections["sort"]), PAGE_SIZE).page(page_number)
    by_pk = Policy.objects.with_validity(today).prefetch_related("authorities").in_bulk(page.object_list)
    page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]

    facets = data.facets(selected, validity_all=selections["validity_all"])
    facet_links(facets, params)
    return PolicyLibraryResult(page=page, facets=facets, selections=selections)
