"""The pager's page numbers; the links themselves are made by Django's ``{% querystring %}`` in
``templates/includes/pagination.html``, so they keep every other parameter of the page (q, type, filters)."""

from django import template

register = template.Library()


@register.filter
def elided_pages(page) -> list:
    """``1 … 4 5 [6] 7 8 … 20`` around ``page`` (a ``Page``); gaps are ``page.paginator.ELLIPSIS``."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
