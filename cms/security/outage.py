"""When the database is down: a Chinese 503 page, never a 500, and nothing the visitor typed is lost.

``DatabaseOutageMiddleware`` turns a database failure raised by any view (``django.db.Error``: a lost or refused
connection) into "服务暂时不可用，请稍后重试" with status 503 and ``Retry-After``. For a form submission the page
carries the visitor's input: the text is shown so it can be copied, and a "submit again" button posts exactly the
same data (with the same idempotency token, so a retry that reaches a recovered database never stores it twice).
Nothing here touches the database.
"""

import logging

from django.db import Error as DatabaseFailure
from django.shortcuts import render

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
#: Posted fields that are the form's machinery, not the visitor's words: carried along but not shown.
MACHINERY = ("csrfmiddlewaretoken", "token", "rendered_at", "website", "captcha")


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseFailure):  # OperationalError, InterfaceError…
            return None
        logger.error("Database unavailable while serving %s %s: %s", request.method, request.path, exception)
        context = {"posted": [], "shown": []}
        if request.method == "POST":
            labels = _labels_for(request)
            for name, values in request.POST.lists():
                if name == "csrfmiddlewaretoken":
                    continue
                for value in values:
                    context["posted"].append((name, value))
                    if name not in MACHINERY and value.strip():
                        context["shown"].append((labels.get(name, name), value))
        response = render(request, "503.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


def _labels_for(request) -> dict[str, str]:
    """The field labels of the view's form class, read from the class (no database involved)."""
    match = getattr(request, "resolver_match", None)
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    form_class = getattr(view_class, "form_class", None)
    if form_class is None:
        return {}
    return {name: str(field.label or name) for name, field in form_class.base_fields.items()}
