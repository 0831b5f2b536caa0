"""Phone numbers as people in China type them: 138 0013 8000, 021-5555 0100, +86 138…, (0755)8888-6666, +852 …"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_SEPARATORS = re.compile(r"[\s\-－—()（）.]")
MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
MAINLAND_LANDLINE = re.compile(r"^0[1-9]\d{1,2}\d{7,8}(?:转\d{1,6})?$")
INTERNATIONAL = re.compile(r"^\+(?!86)\d{6,15}$")


def normalize_phone(value: str, *, allow_international: bool = False) -> str:
    """Digits only (``+`` kept for international numbers); ``ValidationError`` with a Chinese message if invalid."""
    raw = (value or "").strip().replace("＋", "+")
    compact = _SEPARATORS.sub("", raw)
    compact = compact.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if compact.startswith("+86"):
        compact = compact[3:]
    elif compact.startswith("0086"):
        compact = compact[4:]
    if MAINLAND_MOBILE.match(compact) or MAINLAND_LANDLINE.match(compact):
        return compact
    if allow_international and compact.startswith("00"):
        compact = "+" + compact[2:]
    if allow_international and INTERNATIONAL.match(compact):
        return compact
    if allow_international:
        message = _("Enter a mainland mobile number (11 digits), a landline with area code such as 021-5555 0100, "
                    "or an international number starting with + and the country code.")  # fmt: skip
    else:
        message = _("Enter a mainland mobile number (11 digits) or a landline with area code such as 021-5555 0100.")
    raise ValidationError(message, code="invalid_phone")
