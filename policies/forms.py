"""The policy library's query string, validated: unknown or malformed values are dropped, never an error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Level, Validity

ALL = "all"
MAX_KEYWORD = 100


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values (once each, in the order given) and silently drops unknown or malformed ones: a bad
    link never breaks the page."""

    def clean(self, value):
        valid = {str(key) for key, _label in self.choices}
        return list(dict.fromkeys(item for item in (value or []) if isinstance(item, str) and item in valid))


class PolicyFilterForm(forms.Form):
    """``?q=…&level=…&authority=…&industry=…&support=…&validity=…&year=…&sort=…``.

    The choices of authority, industry, support and year are the values the keyword's matches carry
    (``option_values``, from ``facets.FacetData``): a value no policy has is ignored, not a filter that hides
    everything.
    """

    q = forms.CharField(label=_("Keyword"), max_length=MAX_KEYWORD, required=False, strip=True)
    level = LenientMultipleChoiceField(label=_("Level"), choices=Level.choices, required=False)
    authority = LenientMultipleChoiceField(label=_("Issuing authority"), required=False)
    industry = LenientMultipleChoiceField(label=_("Industry"), required=False)
    support = LenientMultipleChoiceField(label=_("Support type"), required=False)
    validity = LenientMultipleChoiceField(
        label=_("Validity"), choices=[*Validity.choices, (ALL, _("All"))], required=False
    )
    year = LenientMultipleChoiceField(label=_("Year issued"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("issued", _("Date issued")), ("effective", _("Effective date"))],
        required=False,
    )

    FACETS = ("validity", "level", "authority", "industry", "support", "year")

    def __init__(self, data, *, option_values: dict[str, list[str]]):
        data = data.copy()
        if "q" in data:
            data["q"] = data["q"][:MAX_KEYWORD]
        super().__init__(data)
        for name, values in option_values.items():
            self.fields[name].choices = [(value, value) for value in values]

    @staticmethod
    def keyword(params) -> str:
        """The keyword alone, read before the options are known (they depend on it)."""
        return params.get("q", "").replace("\x00", "")[:MAX_KEYWORD].strip()

    def _cleaned(self) -> dict:
        self.is_valid()
        return self.cleaned_data

    def selections(self) -> dict:
        """What the page shows as chosen: the keyword, the sort, and whether every validity is included."""
        cleaned = self._cleaned()
        return {
            "q": cleaned.get("q", ""),
            "validity_all": ALL in (cleaned.get("validity") or []),
            "sort": cleaned.get("sort") or "issued",
        }

    def facet_values(self) -> dict[str, list[str]]:
        """The values each facet filters by, in order. No validity chosen means the ones in force; ``all`` means
        no validity filter (an empty list, as for the other facets)."""
        cleaned = self._cleaned()
        values = {name: list(cleaned.get(name) or []) for name in self.FACETS}
        validity = values["validity"]
        values["validity"] = [] if ALL in validity else (validity or [str(value) for value in Validity.current()])
        return values
