"""Text normalisation and tokens for Chinese search, shared by indexing and querying.

Chinese is written without spaces and PostgreSQL's parsers do not split it, so we make the tokens ourselves:
overlapping two-character pieces of each run of Han characters (人工智能 → 人工 工智 智能), the single characters
(for one-character queries), Latin words and numbers, and one token per document number (文号). The text is first
folded: traditional → simplified (OpenCC), full-width Latin letters and digits → half-width, lower case; each 文号
becomes the key of ``cms.text.document_numbers``, the one normaliser the policy library uses too.
"""

import re

from cms.text.chinese import fold_width, to_simplified
from cms.text.document_numbers import document_numbers_in

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_OR_NUMBER = re.compile(r"[a-z0-9]+")
MAX_QUERY_LENGTH = 100


def normalize(text: str) -> str:
    return to_simplified(fold_width(text or "")).lower()


def tokens(text: str, *, unigrams: bool = True) -> list[str]:
    """The index tokens of ``text`` (normalised first), in order of appearance, repeats kept."""
    normalized = normalize(text)
    result = document_numbers_in(normalized)  # the 文号 normaliser's keys, one token each
    for run in _HAN_RUN.findall(normalized):
        if len(run) == 1:
            result.append(run)
            continue
        result.extend(run[i : i + 2] for i in range(len(run) - 1))
        if unigrams:
            result.extend(run)
    result.extend(_LATIN_OR_NUMBER.findall(normalized))
    return result


def query_tokens(query: str) -> list[str]:
    """What a query must match: its 文号, bigrams of its Han runs (single characters only for 1-char runs),
    Latin words and numbers; unique, in order; the query is cut to 100 characters first."""
    seen: dict[str, None] = {}
    for token in tokens((query or "")[:MAX_QUERY_LENGTH], unigrams=False):
        seen.setdefault(token, None)
    return list(seen)
