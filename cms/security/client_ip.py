"""The visitor's address, for rate limits and sign-in lockout (``AXES_CLIENT_IP_CALLABLE``)."""

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the right hop of X-Forwarded-For behind trusted proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
