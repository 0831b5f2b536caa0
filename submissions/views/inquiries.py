"""Public inquiry forms and their thank-you pages (with the policy material promised)."""

from django.core import signing
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from cms.public.navigation import Link
from cms.public.querystrings import positive_int
from policies.models import Policy

from ..choices import ConsultTopic
from ..forms.inquiries import UTM_FIELDS, ConsultForm, SettleForm, offered_policies
from ..models import Inquiry, InquiryKind
from ..protection import RateLimit, RateLimitUnavailable, client_ip
from ..services.inquiries import submit_inquiry
from .contributions import limits_unavailable_response, rate_limited_response

INQUIRIES_PER_HOUR = RateLimit("inquiry", limit=5, window=3600)
THANKS_SALT = "submissions.inquiry-thanks"
MATERIAL_COUNT = 10


class InquiryFormView(FormView):
    kind = None
    title = None

    def get_initial(self):
        initial = {name: self.request.GET.get(name, "")[:100] for name in UTM_FIELDS}
        initial["source_page"] = self.request.META.get("HTTP_REFERER", "")[:300]
        return initial

    def post(self, request, *args, **kwargs):
        try:
            if INQUIRIES_PER_HOUR.exceeded(request):
                return rate_limited_response(request)
            return super().post(request, *args, **kwargs)
        except RateLimitUnavailable:
            return limits_unavailable_response(self)

    def form_valid(self, form):
        if not INQUIRIES_PER_HOUR.allow(self.request):  # counted and decided in one atomic step
            return rate_limited_response(self.request)
        inquiry, _created = submit_inquiry(
            kind=self.kind, data=form.cleaned_data, utm=form.utm(), ip_address=client_ip(self.request)
        )
        token = signing.dumps(inquiry.pk, salt=THANKS_SALT)
        return redirect(reverse("submissions:inquiry-thanks", kwargs={"token": token}))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["groups"] = [(title, why, [form[name] for name in names]) for title, why, names in form.groups]
        context["breadcrumbs"] = [Link(str(self.title), "")]
        context["title"] = self.title
        return context


class ConsultView(InquiryFormView):
    template_name = "submissions/inquiry_form.html"
    form_class = ConsultForm
    kind = InquiryKind.CONSULT
    title = _("Investment consultation and policy material")

    def get_initial(self):
        initial = super().get_initial()
        topic = self.request.GET.get("topic")
        initial["topic"] = topic if topic in ConsultTopic.values else ConsultTopic.POLICY
        policy = positive_int(self.request.GET.get("policy"))
        if policy is not None:
            initial["policy"] = offered_policies().filter(pk=policy).first()  # what the form offers, or nothing
        return initial


class SettleView(InquiryFormView):
    template_name = "submissions/inquiry_form.html"
    form_class = SettleForm
    kind = InquiryKind.SETTLE
    title = _("Move your company here")


class InquiryThanksView(TemplateView):
    """Thank-you page; after a consultation it lists the promised policy material with its attachments."""

    template_name = "submissions/inquiry_thanks.html"

    def get_context_data(self, **kwargs):
        try:
            pk = signing.loads(self.kwargs["token"], salt=THANKS_SALT, max_age=7 * 24 * 3600)
        except signing.BadSignature as exc:
            raise Http404(_("This link is not valid.")) from exc
        inquiry = Inquiry.objects.filter(pk=pk).select_related("policy", "industry").first()
        if inquiry is None:
            raise Http404(_("This link is not valid."))
        return super().get_context_data(
            **kwargs, inquiry=inquiry, material=material_for(inquiry), breadcrumbs=[Link(_("Thank you"), "")]
        )


def material_for(inquiry: Inquiry) -> list[Policy]:
    """The chosen policy first, then valid policies of the visitor's industry (or the featured ones)."""
    valid = Policy.objects.published().currently_valid().prefetch_related("attachments", "authorities")
    chosen = list(valid.filter(pk=inquiry.policy_id)) if inquiry.policy_id else []
    others = valid.exclude(pk=inquiry.policy_id or 0)
    matching = Q(industries=inquiry.industry_id) if inquiry.industry_id else Q(featured=True)
    return chosen + list(others.filter(matching).distinct().order_by("-issued_on")[:MATERIAL_COUNT])
