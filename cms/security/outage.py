"""When the database is down: a Chinese 503 page, never a 500, and nothing the visitor typed is lost.

``DatabaseOutageMiddleware`` turns a database failure (``django.db.Error``: a lost or refused connection) into
"服务暂时不可用，请稍后重试" with status 503 and ``Retry-After``, wherever it is raised below it:

- in a view or its template (``process_exception``);
- while the session and the signed-in user are loaded. Both are lazy, and the first code to touch them used to be
  another middleware (the staff-session clock): Django turns an exception raised inside a middleware into a 500
  response right there, before any outer middleware sees it, so every request with a session cookie got a 500.
  This middleware therefore sits just below the authentication and OTP middleware (``MIDDLEWARE`` in
  ``cms/settings/base.py``) and loads them itself, inside its guard. The admin's sign-in page needs no database:
  under ``/admin/`` a ``SELECT 1`` comes first for those not signed in, so editors learn of the outage before typing;
- anywhere else below it: a ``got_request_exception`` receiver notes a database failure on the request, and the
  500 response Django made of it is replaced here.

For a form submission the page carries the visitor's input: the text is shown so it can be copied, and a "submit
again" button posts exactly the same data (with the same idempotency token, so a retry that reaches a recovered
database never stores it twice); passwords and one-time codes are never echoed. Under ``/admin/`` the page is the
admin's own. Apart from that ``SELECT 1``, nothing here touches the database.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import Error as DatabaseFailure
from django.db import connection
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from cms.public.models import SiteSettings

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
#: Posted fields that are the form's machinery, not the visitor's words: carried along but not shown.
MACHINERY = ("csrfmiddlewaretoken", "token", "rendered_at", "website", "captcha")
#: Posted fields never shown nor carried into the page (the admin's sign-in): the visitor types them again.
SECRET_FIELDS = ("password", "otp_token")
#: Where a failure noted by the receiver waits for the middleware.
FAILURE_ATTRIBUTE = "_cms_database_failure"


@receiver(got_request_exception, dispatch_uid="cms.security.outage.note_database_failure")
def _note_database_failure(sender, request=None, **kwargs):
    """Django sends this while it turns an exception into a 500 response; a database failure is remembered."""
    failure = sys.exc_info()[1]
    if request is not None and isinstance(failure, DatabaseFailure):
        setattr(request, FAILURE_ATTRIBUTE, failure)


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated  # loads the session, user and OTP device
            if not signed_in and _in_admin(request):
                _check_database()  # the sign-in page itself needs no database: tell editors now, not after typing
            response = self.get_response(request)
        except DatabaseFailure as failure:
            return unavailable_response(request, failure)
        failure = getattr(request, FAILURE_ATTRIBUTE, None)
        if failure is not None and response.status_code >= 500:
            return unavailable_response(request, failure)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseFailure):  # OperationalError, InterfaceError…
            return None
        return unavailable_response(request, exception)


def _in_admin(request) -> bool:
    return request.path.startswith(reverse("admin:index"))


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def unavailable_response(request, failure):
    """The 503 page (the admin's under ``/admin/``), with what the visitor posted kept."""
    logger.error("Database unavailable while serving %s %s: %s", request.method, request.path, failure)
    context = {"posted": [], "shown": []}
    if request.method == "POST":
        labels = _labels_for(request)
        for name, values in request.POST.lists():
            if name == "csrfmiddlewaretoken" or any(secret in name for secret in SECRET_FIELDS):
                continue
            for value in values:
                context["posted"].append((name, value))
                if name not in MACHINERY and value.strip():
                    context["shown"].append((labels.get(name, name), value))
    if _in_admin(request):
        response = render(request, "admin/cms/unavailable.html", {**context, **_admin_context()}, status=503)
    else:
        response = render(request, "503.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _admin_context() -> dict:
    """What the admin's base template needs, without ``AdminSite.each_context`` (it asks the database); the site
    name is the default one while the database is down."""
    header = _("%(site)s content management") % {"site": SiteSettings.load().site_name}
    return {
        "site_header": header,
        "site_title": header,
        "title": _("Service temporarily unavailable"),
        "has_permission": False,
        "is_nav_sidebar_enabled": False,
        "site_url": "/",
    }


def _labels_for(request) -> dict[str, str]:
    """The field labels of the view's form class, read from the class (no database involved)."""
    match = getattr(request, "resolver_match", None)
    if match is None:  # the failure came before the URL was resolved
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return {}
    view_class = getattr(match.func, "view_class", None)
    form_class = getattr(view_class, "form_class", None)
    if form_class is None:
        return {}
    return {name: str(field.label or name) for name, field in form_class.base_fields.items()}
