"""Admin for the submissions app: one module per desk."""

from . import contributions, outbox  # noqa: F401
