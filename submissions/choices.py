from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultTopic(models.TextChoices):
    """The four consulting topics offered on every page's footer and on the consultation form."""

    POLICY = "policy", _("Investment promotion policies")
    INDUSTRIAL_LAND = "land", _("Industrial land")
    PREMISES = "premises", _("Renting or buying factories and warehouses")
    OTHER = "other", _("Other questions")
