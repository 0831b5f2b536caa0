"""Abuse protection shared by every public form: honeypot, signed render time, idempotency token, rate limit.

None of it needs JavaScript. Messages are shown on the form with what the visitor typed kept.
"""

import hashlib
import time
import uuid
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.security.client_ip import client_ip

TIMESTAMP_SALT = "submissions.form-rendered-at"
MIN_SECONDS_TO_FILL = 3
MAX_FORM_AGE_SECONDS = 6 * 60 * 60


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` events per ``window`` seconds per client, counted in the shared cache."""

    scope: str
    limit: int
    window: int

    def _key(self, request) -> str:
        digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
        bucket = int(timezone.now().timestamp()) // self.window
        return f"ratelimit:{self.scope}:{digest}:{bucket}"

    def count(self, request) -> int:
        return cache.get(self._key(request), 0)

    def exceeded(self, request) -> bool:
        return self.count(request) >= self.limit

    def hit(self, request) -> int:
        key = self._key(request)
        if cache.add(key, 1, timeout=self.window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window)
            return 1


def sign_render_time(now: float | None = None) -> str:
    return signing.Signer(salt=TIMESTAMP_SALT).sign(str(int(now if now is not None else time.time())))


def seconds_since_render(value: str, now: float | None = None) -> float | None:
    """Seconds since the form was rendered, or ``None`` when the value was tampered with."""
    try:
        rendered = int(signing.Signer(salt=TIMESTAMP_SALT).unsign(value or ""))
    except (signing.BadSignature, ValueError):
        return None
    return (now if now is not None else time.time()) - rendered


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

    def _refresh_render_time(self) -> None:
        """Give the re-displayed form a fresh render time, so the visitor can simply submit again."""
        data = self.data.copy()
        data[self.add_prefix("rendered_at")] = sign_render_time()
        self.data = data
