"""Plain-text helpers shared by the content apps."""

import html
import re

from django.utils.html import strip_tags

from cms.text.chinese import fold_width

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|td|th|tr|figcaption)>|<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def html_to_text(value: str) -> str:
    """Readable plain text from sanitised HTML, one block per line."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", value or "")))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def derive_summary(body_html: str, length: int = 120) -> str:
    """The lead paragraph, cut at ``length`` characters (with an ellipsis) — never the whole text."""
    text = html_to_text(body_html)
    lead = text.split("\n", 1)[0] if text else ""
    if len(lead) <= length:
        return lead
    return lead[: length - 1].rstrip("，、；：,;: ") + "…"


def tel_number(phone: str) -> str:
    """A phone number as written (``021-5555 0100``) → what a ``tel:`` link dials (``021-55550100``)."""
    return _SPACES.sub("", fold_width(phone or ""))
