from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UsedRenderToken(models.Model):
    """One rendering of a public form that was posted: the random part of its signed render time, and the
    submission (idempotency token) that used it. The same rendering with another submission is refused
    (``submissions.protection``); rows older than the longest a form may stay open are deleted as new ones come."""

    key = models.CharField(_("render token"), max_length=64, unique=True)
    token = models.UUIDField(_("submission token"))
    used_at = models.DateTimeField(_("used at"), default=timezone.now)

    class Meta:
        ordering = ["-used_at"]
        verbose_name = _("used form rendering")
        verbose_name_plural = _("used form renderings")
        indexes = [models.Index(fields=["used_at"], name="render_token_used_idx")]

    def __str__(self) -> str:
        return self.key
