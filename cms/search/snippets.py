"""A short excerpt around the first match, with the matched pieces marked; escaped piece by piece."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cms.search.text import normalize

SNIPPET_LENGTH = 120


def _match_spans(normalized: str, query_tokens: list[str]) -> list[tuple[int, int]]:
    spans = []
    for token in sorted(set(query_tokens), key=len, reverse=True):
        spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(token), normalized))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, query_tokens: list[str], *, length: int | None = None) -> SafeString:
    """``text`` (or a window of ``length`` characters around the first match) with <mark> around matches."""
    normalized = normalize(text)
    if len(normalized) != len(text):  # conversion changed the length: mark the normalised text instead
        text = normalized
    spans = _match_spans(normalized, query_tokens)
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - length // 4, len(text) - length))
        end = start + length
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    # Every piece was escaped above.
    return mark_safe(prefix + "".join(pieces) + suffix)  # nosec


def snippet(document, query_tokens: list[str]) -> SafeString:
    """Around the first match in the body; the summary when the match was only in the title or summary."""
    body = document.body_text or ""
    source = body if _match_spans(normalize(body), query_tokens) else (document.summary or body)
    return highlight(source, query_tokens, length=SNIPPET_LENGTH)
