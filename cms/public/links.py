"""The site's absolute address, for links read away from the page: emails, feeds, share and cite lines, robots.txt.

``SITE_URL`` names it, and production settings refuse to start without it (a link in an email must not depend on
which host name a request happened to use). In development it may stay unset: links then use the address the request
came to (``PORT=8080 make run``, a LAN address, a tunnel), and outside any request (a command) the development
server's default address.
"""

from django.conf import settings
from django.http import HttpRequest

from cms.security.context import current_request

DEVELOPMENT_DEFAULT = "http://127.0.0.1:8000"


def site_url(request: HttpRequest | None = None) -> str:
    """``SITE_URL``, or else the scheme and host of ``request`` (by default the request being served)."""
    if settings.SITE_URL:
        return settings.SITE_URL
    request = request or current_request()
    if request is None:
        return DEVELOPMENT_DEFAULT
    return request.build_absolute_uri("/").rstrip("/")
