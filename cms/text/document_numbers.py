"""Document numbers (发文字号) such as 云府发〔2024〕3号, typed with many character, bracket and digit variants.

The one normaliser: the policy library's keyword box, the admin's duplicate warning (through
``Policy.document_number_key``) and site search all compare the key made here. The original is kept for display.
``雲府發〔2024〕3号``, ``云府发[2024]3号``, ``云府发（２０２４）03号`` → ``云府发〔2024〕3号``.
"""

import re
import unicodedata

from cms.text.chinese import fold_width, to_simplified

_BRACKETS = str.maketrans({"［": "〔", "[": "〔", "(": "〔", "（": "〔", "【": "〔", "〖": "〔",
                           "］": "〕", "]": "〕", ")": "〕", "）": "〕", "】": "〕", "〗": "〕"})  # fmt: skip
_SPACES = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"〕0+(?=\d)")
#: A 文号 inside folded text: issuer prefix, year, number (leading zeros dropped), 号.
_IN_TEXT = re.compile(r"([\u4e00-\u9fff]{1,12})\s*〔\s*(\d{4})\s*〕\s*0*(\d+)\s*号")


def _fold(text: str) -> str:
    """Simplified characters, half-width Latin letters and digits, one bracket style; spacing kept."""
    folded = to_simplified(fold_width(text))
    folded = "".join(unicodedata.normalize("NFKC", char) if char.isdigit() else char for char in folded)
    return folded.translate(_BRACKETS)


def normalize_document_number(value: str) -> str:
    """The matching key of one typed document number (or keyword): folded, without spaces, upper case."""
    if not value:
        return ""
    return _LEADING_ZEROS.sub("〕", _SPACES.sub("", _fold(value)).upper())


def document_numbers_in(text: str) -> list[str]:
    """The key of every 文号 written in ``text``, in order: what search indexes and looks up."""
    return [f"{prefix}〔{year}〕{number}号" for prefix, year, number in _IN_TEXT.findall(_fold(text or ""))]
