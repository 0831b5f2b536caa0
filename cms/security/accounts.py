"""Editor account security: two-factor sign-in (TOTP, django-otp), session lifetimes, lockout helpers.

- Staff who have a confirmed TOTP device must give a code when they sign in; staff without one sign in with
  their password. Superusers must have one when ``OTP_REQUIRED_FOR_SUPERUSERS`` (production settings).
- A staff session ends after ``STAFF_IDLE_TIMEOUT`` without a request and ``STAFF_SESSION_LIFETIME`` after
  sign-in, whatever happens in between.
- Repeated failed sign-ins lock the account for that address: django-axes, configured by the ``AXES_*`` settings.
- While someone is signed in, a second cookie (``SIGNED_IN_COOKIE_NAME``) goes with the session cookie: set with the
  first response after sign-in, removed with the one after sign-out or the end of the session. The page cache reads
  it to tell a signed-in editor from an anonymous visitor without loading the session (``SignedInCookieMiddleware``).
"""

import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import forms as admin_forms
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, user_has_device
from django_otp.forms import OTPAuthenticationFormMixin

SIGNED_IN_AT = "cms_signed_in_at"
LAST_SEEN_AT = "cms_last_seen_at"
#: The last-seen time is written at most this often (seconds), not on every request.
LAST_SEEN_RESOLUTION = 60


def otp_required_for(user) -> bool:
    """Whether ``user`` must confirm sign-in with a one-time code."""
    if not user.is_authenticated:
        return False
    return user_has_device(user) or (user.is_superuser and settings.OTP_REQUIRED_FOR_SUPERUSERS)


class AdminAuthenticationForm(admin_forms.AdminAuthenticationForm, OTPAuthenticationFormMixin):
    """The admin sign-in: username and password, plus a one-time code for accounts that need one."""

    otp_token = forms.CharField(
        label=gettext_lazy("One-time code"), required=False, max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy("From your authenticator app; leave empty if your account has no two-step sign-in."),
    )  # fmt: skip
    # Any of the account's devices may match the code; django-otp's form machinery expects these fields.
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": gettext_lazy("Enter the one-time code from your authenticator app."),
        "invalid_token": gettext_lazy("The one-time code is not correct. Please try again."),
        "n_failed_attempts": gettext_lazy("Too many wrong codes: two-step sign-in is paused for a while."),
        "verification_not_allowed": gettext_lazy("Too many wrong codes: two-step sign-in is paused for a while."),
    }

    def clean(self):
        self.cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and otp_required_for(user):
            if not user_has_device(user):
                raise forms.ValidationError(
                    _("Administrators must set up two-step sign-in first (manage.py totp_enroll)."),
                    code="otp_setup_required",
                )
            self.clean_otp(user)
        return self.cleaned_data

    def _chosen_device(self, user):
        """The device named in the form, or else the account's first confirmed one (staff have one phone)."""
        return super()._chosen_device(user) or next(devices_for_user(user, confirmed=True), None)


@receiver(user_logged_in)
def _start_session_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


class SignedInCookieMiddleware:
    """Keeps the signed-in marker cookie in step with the session: present exactly while a user is signed in.

    The marker holds no secret and grants nothing: it only tells the page cache (``cms.caching.pages``) that a
    request with a session cookie must go past the cache to the views, which check the real session. A visitor
    without it is answered from the cache like any anonymous visitor (a session cookie with no valid or no signed-in
    session behind it: a captcha visitor's, an expired or a made-up one), and a forged one only costs its sender a
    rendered page. Sits above ``StaffSessionTimeoutMiddleware``, so its sign-outs clear the marker too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)  # after a sign-in or sign-out, the user it left
        signed_in = user is not None and user.is_authenticated
        name = settings.SIGNED_IN_COOKIE_NAME
        if signed_in and not request.COOKIES.get(name):
            response.set_cookie(
                name, "1",
                max_age=None if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else settings.SESSION_COOKIE_AGE,
                path=settings.SESSION_COOKIE_PATH, domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite=settings.SESSION_COOKIE_SAMESITE,
            )  # fmt: skip
        elif not signed_in and request.COOKIES.get(name):
            response.delete_cookie(
                name, path=settings.SESSION_COOKIE_PATH, domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )  # fmt: skip
        return response


class StaffSessionTimeoutMiddleware:
    """Signs staff out after a stretch of inactivity and after a fixed lifetime (等保 session requirements)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in = session.get(SIGNED_IN_AT, now)
            last_seen = session.get(LAST_SEEN_AT, now)
            if now - signed_in > settings.STAFF_SESSION_LIFETIME:
                return self._sign_out(
                    request, _("For security, a session ends some hours after sign-in. Please sign in again.")
                )
            if now - last_seen > settings.STAFF_IDLE_TIMEOUT:
                return self._sign_out(
                    request, _("You were signed out after a period of inactivity. Please sign in again.")
                )
            if now - last_seen >= LAST_SEEN_RESOLUTION or SIGNED_IN_AT not in session:
                session[LAST_SEEN_AT] = now
                session.setdefault(SIGNED_IN_AT, now)
        return self.get_response(request)

    @staticmethod
    def _sign_out(request, message: str):
        logout(request)
        messages.warning(request, message)
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
