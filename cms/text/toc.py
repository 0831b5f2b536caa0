"""Table of contents for long texts numbered the Chinese way (一、 二、 … or （一）（二）…).

Sanitised bodies carry no ids, so anchors are added when the page is rendered.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.utils.html import strip_tags

MIN_SECTIONS = 3
_NUMERAL = "一二三四五六七八九十百"
_SECTION_START = re.compile(rf"^\s*(?:[{_NUMERAL}]+、|[（(][{_NUMERAL}]+[)）])")
_BLOCK = re.compile(r"<(h2|h3|h4|p)>(.*?)</\1>", re.DOTALL)


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    level: int


def add_table_of_contents(body_html: str, *, max_title: int = 40) -> tuple[str, list[TocEntry]]:
    """Return the body with ``id`` anchors on numbered sections, and the entries (empty if fewer than three)."""
    entries: list[TocEntry] = []

    def anchor(match: re.Match) -> str:
        tag, inner = match.group(1), match.group(2)
        text = strip_tags(inner).strip()
        if not _SECTION_START.match(text) or (tag == "p" and len(text) > 80 and "。" in text[:max_title]):
            return match.group(0)
        level = 2 if text.startswith(tuple(_NUMERAL)) else 3
        entry = TocEntry(anchor=f"section-{len(entries) + 1}", title=text[:max_title], level=level)
        entries.append(entry)
        return f'<{tag} id="{entry.anchor}">{inner}</{tag}>'

    anchored = _BLOCK.sub(anchor, body_html or "")
    if len(entries) < MIN_SECTIONS:
        return body_html, []
    return anchored, entries


class AnchoredBody:
    """A body and its table of contents, worked out on first use (a cached rendering of the page never uses it)."""

    def __init__(self, body_html: str):
        self.source = body_html

    @cached_property
    def _anchored(self) -> tuple[str, list[TocEntry]]:
        return add_table_of_contents(self.source)

    @property
    def html(self) -> str:
        return self._anchored[0]

    @property
    def toc(self) -> list[TocEntry]:
        return self._anchored[1]
