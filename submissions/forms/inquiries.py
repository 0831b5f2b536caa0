"""The consultation (招商咨询 / 获取政策资料) and settlement (企业入驻) forms. They validate only."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from policies.models import Industry, Policy

from ..choices import ConsultTopic
from ..models import Headcount, Investment, Plan, SpaceType, Timeframe
from ..protection import ProtectedForm
from ..validators import normalize_phone
from .credit_code import is_valid_credit_code

UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


class InquiryForm(ProtectedForm):
    """What both forms share: contact details, consent, and where the visitor came from (hidden)."""

    source_page = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)
    utm_source = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    utm_medium = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    utm_campaign = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    utm_term = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    utm_content = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    consent = forms.BooleanField(label=_("I have read and agree to the personal information protection notice"))

    protection_fields = (*ProtectedForm.protection_fields, "source_page", *UTM_FIELDS)

    def clean_phone(self):
        return normalize_phone(self.cleaned_data["phone"], allow_international=True)

    def utm(self) -> dict:
        return {name: self.cleaned_data[name] for name in UTM_FIELDS if self.cleaned_data.get(name)}


class ConsultForm(InquiryForm):
    topic = forms.ChoiceField(label=_("Consulting topic"), choices=ConsultTopic.choices)
    name = forms.CharField(label=_("Name"), max_length=60)
    phone = forms.CharField(
        label=_("Phone"), max_length=30,
        help_text=_("Mobile or landline with area code; from outside mainland China, + and the country code."),
    )  # fmt: skip
    company = forms.CharField(label=_("Company name"), max_length=120, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    industry = forms.ModelChoiceField(label=_("Your industry"), queryset=Industry.objects.all(), required=False)
    # The queryset is set in __init__ (offered_policies): a class attribute would fix "published" at import time.
    policy = forms.ModelChoiceField(label=_("Policy of interest"), queryset=Policy.objects.none(), required=False)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              max_length=2000)  # fmt: skip

    groups = [
        (_("What you would like to know"), _("So that the right officer answers, with the right material."),
         ["topic", "industry", "policy", "message"]),
        (_("How to reach you"), _("We only use these details to answer this inquiry."),
         ["name", "phone", "company", "email"]),
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].queryset = offered_policies()


def offered_policies():
    """The policies a consultation may name: published and currently in force (not replaced, repealed or expired),
    read from the database each time a form is built, so a policy published a minute ago is offered."""
    return Policy.objects.published().currently_valid()


class SettleForm(InquiryForm):
    company = forms.CharField(label=_("Company name"), max_length=120)
    credit_code = forms.CharField(
        label=_("Unified social credit code"), max_length=18, required=False,
        help_text=_("18 characters, on the business licence. Leave empty if the company is not registered yet."),
    )  # fmt: skip
    industry = forms.ModelChoiceField(label=_("Your industry"), queryset=Industry.objects.all(), required=False)
    plans = forms.MultipleChoiceField(
        label=_("What the company plans here"), choices=Plan.choices, widget=forms.CheckboxSelectMultiple
    )
    space_area = forms.IntegerField(label=_("Space needed (m²)"), min_value=1, max_value=10_000_000, required=False)
    space_type = forms.ChoiceField(label=_("Type of space"), choices=[("", "—"), *SpaceType.choices], required=False)
    headcount = forms.ChoiceField(label=_("Planned headcount"), choices=[("", "—"), *Headcount.choices], required=False)
    investment = forms.ChoiceField(
        label=_("Planned investment"), choices=[("", "—"), *Investment.choices], required=False
    )
    timeframe = forms.ChoiceField(label=_("When"), choices=[("", "—"), *Timeframe.choices], required=False)
    name = forms.CharField(label=_("Contact name"), max_length=60)
    job_title = forms.CharField(label=_("Job title"), max_length=60, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30)
    email = forms.EmailField(label=_("Email"), required=False)

    groups = [
        (_("The company"), _("To prepare suitable space and the policies that apply."),
         ["company", "credit_code", "industry", "plans"]),
        (_("The project"), _("Rough figures are fine; they help us propose land, premises and support."),
         ["space_area", "space_type", "headcount", "investment", "timeframe"]),
        (_("Contact person"), _("We only use these details to follow up this application."),
         ["name", "job_title", "phone", "email"]),
    ]  # fmt: skip

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip().upper()
        if code and not is_valid_credit_code(code):
            raise ValidationError(
                _("This is not a valid unified social credit code: check the 18 characters on the business licence."),
                code="invalid_credit_code",
            )
        return code
