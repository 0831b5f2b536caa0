"""Display preferences a visitor chooses: the elder-friendly mode (长者模式), larger text and higher contrast.

The choice is kept in a cookie and switched by a plain link, so it works without JavaScript; pages vary on it
(the page cache keeps one copy per variant).
"""

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

ELDER_COOKIE = "elder"
ELDER_ON = "1"
COOKIE_MAX_AGE = 365 * 24 * 3600


def elder_mode(request: HttpRequest) -> bool:
    return request.COOKIES.get(ELDER_COOKIE) == ELDER_ON


def display_variant(request: HttpRequest) -> str:
    """A short name for the visitor's display preferences, part of the page-cache key."""
    return "elder" if elder_mode(request) else "standard"


@require_GET
def switch_display(request: HttpRequest) -> HttpResponseRedirect:
    """``/display/?elder=1&next=/news/`` turns the elder-friendly mode on (``elder=0`` off) and goes back."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("elder") == ELDER_ON:
        response.set_cookie(ELDER_COOKIE, ELDER_ON, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response
