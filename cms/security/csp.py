"""Site-wide middleware."""

from csp.middleware import CSPMiddleware
from django.urls import reverse

#: The admin's rich-text editor loads its modules through an inline import map; only the admin gets this.
ADMIN_POLICY_UPDATE = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


class SiteCSPMiddleware(CSPMiddleware):
    """The strict Content-Security-Policy everywhere; a looser one for the admin only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.update is None and request.path.startswith(reverse("admin:index")):
            parts.update = ADMIN_POLICY_UPDATE
        return parts
