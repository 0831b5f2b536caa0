"""Links that toggle one facet value or move to a page while keeping every other parameter."""

from django.http import QueryDict

from .filters import Facet


def _encode(params: QueryDict) -> str:
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def facet_links(facets: list[Facet], params: QueryDict) -> None:
    """Fill ``url`` of each option (select or deselect it) and ``clear_url`` of each facet, dropping ``page``."""
    for facet in facets:
        for option in facet.options:
            toggled = params.copy()
            toggled.pop("page", None)
            values = [value for value in toggled.getlist(facet.name) if value != option.value]
            if not option.selected:
                values.append(option.value)
            toggled.setlist(facet.name, values)
            option.url = _encode(toggled)
        if params.getlist(facet.name):
            cleared = params.copy()
            cleared.pop("page", None)
            cleared.pop(facet.name, None)
            facet.clear_url = _encode(cleared)


def page_links(params: QueryDict, current: int, pages: int) -> list[tuple[int | None, str, bool]]:
    """(number or None for a gap, url, is_current) for a compact pager."""
    shown = sorted({1, pages, *range(max(1, current - 2), min(pages, current + 2) + 1)})
    links, previous = [], 0
    for number in shown:
        if number - previous > 1:
            links.append((None, "", False))
        query = params.copy()
        query["page"] = str(number)
        links.append((number, _encode(query), number == current))
        previous = number
    return links if pages > 1 else []
