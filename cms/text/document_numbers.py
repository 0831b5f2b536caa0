"""Document numbers (发文字号) such as 云府发〔2024〕3号, typed with many bracket and digit variants.

The original is kept for display; this key is what matching and duplicate checks compare.
"""

import re
import unicodedata

_BRACKETS = str.maketrans({"［": "〔", "[": "〔", "(": "〔", "（": "〔", "【": "〔", "〖": "〔",
                           "］": "〕", "]": "〕", ")": "〕", "）": "〕", "】": "〕", "〗": "〕"})  # fmt: skip
_SPACES = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"〕0+(?=\d)")


def normalize_document_number(value: str) -> str:
    """``云府发[2024]03号`` → ``云府发〔2024〕3号``: full-width digits and letters folded, one bracket style."""
    if not value:
        return ""
    folded = "".join(
        unicodedata.normalize("NFKC", char) if char.isdigit() or char.isascii() or "Ａ" <= char <= "ｚ" else char
        for char in value
    )
    folded = _SPACES.sub("", folded).translate(_BRACKETS).upper()
    return _LEADING_ZEROS.sub("〕", folded)


DOCUMENT_NUMBER_PATTERN = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔［\[（(【]\s*[0-9０-９]{4}\s*[〕］\]）)】]\s*[0-9０-９]+\s*号"
)
