"""Reading numbers from query strings: only plain ASCII digits count (``"²".isdigit()`` is true, ``int("²")`` fails)."""

import re

from django.http import Http404
from django.utils.translation import gettext as _

DIGITS = re.compile(r"[0-9]{1,9}")


def positive_int(raw: str | None) -> int | None:
    """``raw`` as a positive integer of at most nine digits, or ``None``."""
    if raw is None or not DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if value >= 1 else None


def page_number(params, name: str = "page") -> int:
    """The page number asked for (1 when absent); anything else than a plain positive number is a 404."""
    raw = params.get(name, "1")
    number = positive_int(raw)
    if number is None:
        raise Http404(_("No such page."))
    return number
