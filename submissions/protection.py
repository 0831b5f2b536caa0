"""Abuse protection shared by every public form: honeypot, signed render time, idempotency token, rate limit.

The signed render time is also the form's render token: a random part makes each rendering unique, and a rendering
is accepted for one submission only (``UsedRenderToken``), so one fetched form cannot be posted again and again.

None of it needs JavaScript. Messages are shown on the form with what the visitor typed kept.
"""

import time
import uuid
from datetime import timedelta

from django import forms
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.security.client_ip import client_ip as client_ip
from cms.security.ratelimit import RateLimit as RateLimit  # a shared mechanism of the core, used by the form views
from cms.security.ratelimit import RateLimitUnavailable as RateLimitUnavailable

from .models import UsedRenderToken

TIMESTAMP_SALT = "submissions.form-rendered-at"
MIN_SECONDS_TO_FILL = 3
MAX_FORM_AGE_SECONDS = 6 * 60 * 60


def sign_render_time(now: float | None = None) -> str:
    """The render token of one rendering of a form: its time and a random part, signed (``<time>.<nonce>:<sig>``)."""
    rendered = int(now if now is not None else time.time())
    return signing.Signer(salt=TIMESTAMP_SALT).sign(f"{rendered}.{uuid.uuid4().hex}")


def _unsigned(value: str) -> tuple[int, str] | None:
    """(render time, nonce) of a render token, or ``None`` when it was tampered with (or has no nonce)."""
    try:
        rendered, nonce = signing.Signer(salt=TIMESTAMP_SALT).unsign(value or "").split(".", 1)
        return int(rendered), nonce
    except (signing.BadSignature, ValueError):
        return None


def rendered_time(value: str) -> int | None:
    """When the form carrying this render token was rendered (a Unix time), or ``None`` when tampered with."""
    unsigned = _unsigned(value)
    return unsigned[0] if unsigned else None


def seconds_since_render(value: str, now: float | None = None) -> float | None:
    """Seconds since the form was rendered, or ``None`` when the value was tampered with."""
    rendered = rendered_time(value)
    if rendered is None:
        return None
    return (now if now is not None else time.time()) - rendered


def use_render_token(value: str, token: uuid.UUID) -> bool:
    """Record that the submission ``token`` used this rendering of the form. True when the rendering was unused or
    used by this same submission (a double click, the outage page's "submit again"), False when another submission
    used it. A unique row in the database, so it holds across app servers, restarts and a lost cache."""
    nonce = _unsigned(value)[1]
    UsedRenderToken.objects.filter(used_at__lt=timezone.now() - timedelta(seconds=MAX_FORM_AGE_SECONDS)).delete()
    try:
        with transaction.atomic():
            UsedRenderToken.objects.create(key=nonce[:64], token=token)
    except IntegrityError:
        return UsedRenderToken.objects.filter(key=nonce[:64], token=token).exists()
    return True


class ProtectedForm(forms.Form):
    """Base for public forms: adds the hidden protection fields and checks them in ``clean``."""

    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )  # fmt: skip
    rendered_at = forms.CharField(widget=forms.HiddenInput, required=False)
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    protection_fields = ("website", "rendered_at", "token")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("rendered_at", sign_render_time())
            self.initial.setdefault("token", uuid.uuid4())

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name not in self.protection_fields]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Your submission could not be accepted."), code="honeypot")
        age = seconds_since_render(cleaned.get("rendered_at", ""))
        if age is None or age > MAX_FORM_AGE_SECONDS:
            self._refresh_render_time()
            raise forms.ValidationError(
                _("The form was open for a long time. Please check your entries and submit again."), code="expired"
            )
        if age < MIN_SECONDS_TO_FILL:
            raise forms.ValidationError(
                _("That was very fast. Please check your entries and submit again."), code="too_fast"
            )
        if not cleaned.get("token"):
            cleaned["token"] = uuid.uuid4()
        return cleaned

    def full_clean(self):
        """A rendering of the form is accepted for one submission: once everything else is valid, the render token
        is recorded with the idempotency token, and a second submission from the same rendering is refused."""
        super().full_clean()
        if not self.is_bound or self._errors:
            return
        if not use_render_token(self.cleaned_data["rendered_at"], self.cleaned_data["token"]):
            self._refresh_render_time()
            self.add_error(
                None,
                forms.ValidationError(
                    _("This form was already sent once. Please check your entries and send it again."), code="reused"
                ),
            )

    def _refresh_render_time(self) -> None:
        """Give the re-displayed form a fresh render time, so the visitor can simply submit again."""
        data = self.data.copy()
        data[self.add_prefix("rendered_at")] = sign_render_time()
        self.data = data
