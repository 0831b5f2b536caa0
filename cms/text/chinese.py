"""Chinese text folding shared by search, integrity checks, the 文号 normaliser and imports."""

import unicodedata
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter():
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters → simplified (OpenCC ``t2s``); everything else untouched."""
    return _converter().convert(text or "")


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢＣ１２３) → half-width; everything else untouched."""
    return "".join(unicodedata.normalize("NFKC", char) if "\uff01" <= char <= "\uff5e" else char for char in text)
