"""Admin for the submissions app: one module per desk."""

from . import contributions, inquiries, outbox  # noqa: F401
