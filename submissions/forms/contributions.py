"""The contribution form and the receipt look-up. Forms only validate; saving is in services.contributions."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import ContributionKind
from ..protection import ProtectedForm
from ..validators import normalize_phone

MIN_LENGTH = 1000
MAX_LENGTH = 2000
_WHITESPACE = re.compile(r"\s+")  # includes line breaks and the full-width space U+3000


def counted_length(text: str) -> int:
    """Characters as the guidance states them: every character except whitespace (spaces, line breaks, 全角空格)."""
    return len(_WHITESPACE.sub("", text or ""))


class ContributionForm(ProtectedForm):
    title = forms.CharField(label=_("Title"), max_length=100)
    kind = forms.ChoiceField(label=_("Type of contribution"), choices=ContributionKind.choices)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18, "data-count-min": MIN_LENGTH, "data-count-max": MAX_LENGTH}),
        help_text=_("Plain text, 1,000 to 2,000 characters, not counting spaces and line breaks."),
        max_length=20000,
    )
    unit = forms.CharField(label=_("Contributing unit"), max_length=120)
    author = forms.CharField(label=_("Author"), max_length=60)
    email = forms.EmailField(label=_("Email"), help_text=_("We send the receipt and the result here."))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    agree = forms.BooleanField(label=_("I have read and agree to the contribution terms"))

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        length = counted_length(body)
        if length < MIN_LENGTH:
            raise ValidationError(
                _("The text has %(length)d characters; at least %(min)d are needed (spaces and line breaks are not "
                  "counted).") % {"length": length, "min": MIN_LENGTH},
                code="too_short",
            )  # fmt: skip
        if length > MAX_LENGTH:
            raise ValidationError(
                _("The text has %(length)d characters; at most %(max)d are accepted (spaces and line breaks are not "
                  "counted). Please shorten it.") % {"length": length, "max": MAX_LENGTH},
                code="too_long",
            )  # fmt: skip
        return body

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalize_phone(phone) if phone else ""


class ReceiptLookupForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=20)
    email = forms.EmailField(label=_("Email used for the contribution"))

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class CaptchaMixin(forms.Form):
    """Adds an image captcha answer field; the form asks for it only after repeated failed attempts."""

    captcha = forms.CharField(label=_("Characters in the picture"), max_length=10, required=True)

    def __init__(self, *args, expected_captcha: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_captcha = expected_captcha

    def clean_captcha(self):
        answer = self.cleaned_data["captcha"].strip().upper()
        if not self.expected_captcha or answer != self.expected_captcha:
            raise ValidationError(_("The characters do not match the picture. Try the new picture."), code="captcha")
        return answer


class ContributionWithCaptchaForm(CaptchaMixin, ContributionForm):
    pass
