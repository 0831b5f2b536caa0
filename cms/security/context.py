"""The request being served, for the audit log's receivers: who acts, and from which address.

``AuditContextMiddleware`` (after authentication in ``MIDDLEWARE``) keeps the request in a context variable for the
time of the response. It reads nothing and touches no database (the user is looked up only when a row is written),
so the database-outage page (``cms.security.outage``) works as before.
"""

from contextvars import ContextVar

_request: ContextVar = ContextVar("cms_audit_request", default=None)

#: Pass as ``request`` to ``cms.security.audit.record`` for what the system does by itself: no user, no address.
SYSTEM = object()


def current_request():
    """The request being served in this thread or task, or None (commands, background work)."""
    return _request.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
