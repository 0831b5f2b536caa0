"""Display preferences a visitor chooses: the elder-friendly mode (长者模式), larger text and higher contrast.

The choice is kept in a cookie and switched by a plain link, so it works without JavaScript; pages vary on it
(the page cache keeps one copy per variant).
"""

from django.http import HttpRequest

ELDER_COOKIE = "elder"
ELDER_ON = "1"
COOKIE_MAX_AGE = 365 * 24 * 3600


def elder_mode(request: HttpRequest) -> bool:
    return request.COOKIES.get(ELDER_COOKIE) == ELDER_ON


def display_variant(request: HttpRequest) -> str:
    """A short name for the visitor's display preferences, part of the page-cache key."""
    return "elder" if elder_mode(request) else "standard"
