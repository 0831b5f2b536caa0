"""Model building blocks shared by every app: timestamps and field variants."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class URLField(models.URLField):
    """A URL field whose form assumes https:// when the editor leaves the scheme out (Django 6.0's default)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
