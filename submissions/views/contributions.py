"""Public contribution pages: the form, the receipt page, the terms and the status look-up."""

import contextlib

from django import forms
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from cms.public.navigation import Link

from .. import captcha
from ..forms.contributions import ContributionForm, ContributionWithCaptchaForm, ReceiptLookupForm, counted_length
from ..models import Contribution, ContributionTerms
from ..protection import RateLimit, RateLimitUnavailable, client_ip
from ..services.contributions import submit_contribution

SUBMISSIONS_PER_HOUR = RateLimit("contribution", limit=5, window=3600)
FAILED_ATTEMPTS = RateLimit("contribution-failed", limit=3, window=3600)  # then the captcha is asked
RECEIPT_SALT = "submissions.contribution-receipt"
RETRY_AFTER_SECONDS = 60


def rate_limited_response(request) -> HttpResponse:
    return render(request, "submissions/429.html", status=429)


def limits_unavailable_response(view) -> HttpResponse:
    """Fail closed: the posting limit cannot be counted (the shared cache is down), so nothing is stored. The form
    again with everything the visitor typed and a message, 503 with ``Retry-After``: sending it again later works
    (same idempotency token)."""
    form = view.get_form()
    message = _(
        "We cannot accept submissions at the moment. What you typed is kept below: please send it again in a few "
        "minutes, or call the hotline if it is urgent."
    )
    form.add_error(None, forms.ValidationError(message, code="limits_unavailable"))
    response = view.render_to_response(view.get_context_data(form=form), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def receipt_url(contribution: Contribution) -> str:
    token = signing.dumps(contribution.pk, salt=RECEIPT_SALT)
    return reverse("submissions:contribution-thanks", kwargs={"token": token})


class ContributionBreadcrumbsMixin:
    crumb = None

    def get_context_data(self, **kwargs):
        crumbs = [Link(_("Contribute"), reverse("submissions:contribute"))]
        if self.crumb:
            crumbs.append(Link(str(self.crumb), ""))
        return super().get_context_data(**kwargs, breadcrumbs=crumbs)


class ContributeView(ContributionBreadcrumbsMixin, FormView):
    template_name = "submissions/contribute.html"

    def dispatch(self, request, *args, **kwargs):
        self.terms = ContributionTerms.current()
        if self.terms is None:
            raise Http404(_("Contributions are not open yet."))
        return super().dispatch(request, *args, **kwargs)

    def needs_captcha(self) -> bool:
        try:
            return FAILED_ATTEMPTS.exceeded(self.request)
        except RateLimitUnavailable:
            return True  # failures cannot be counted: ask

    def get_form_class(self):
        return ContributionWithCaptchaForm if self.needs_captcha() else ContributionForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.needs_captcha():
            kwargs["expected_captcha"] = captcha.expected_answer(self.request.session)
        return kwargs

    def post(self, request, *args, **kwargs):
        try:
            if SUBMISSIONS_PER_HOUR.exceeded(request):
                return rate_limited_response(request)
            return super().post(request, *args, **kwargs)
        except RateLimitUnavailable:
            return limits_unavailable_response(self)

    def form_valid(self, form):
        if not SUBMISSIONS_PER_HOUR.allow(self.request):  # counted and decided in one atomic step
            return rate_limited_response(self.request)
        contribution, created = submit_contribution(
            data=form.cleaned_data, terms=self.terms, ip_address=client_ip(self.request)
        )
        self.request.session.pop(captcha.SESSION_KEY, None)
        url = receipt_url(contribution)
        return redirect(url if created else f"{url}?again=1")

    def form_invalid(self, form):
        with contextlib.suppress(RateLimitUnavailable):  # then the captcha is asked anyway (needs_captcha)
            FAILED_ATTEMPTS.hit(self.request)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        body = form["body"].value() or ""
        context.update(terms=self.terms, body_length=counted_length(body), shows_captcha="captcha" in form.fields)
        if context["shows_captcha"]:
            captcha.new_challenge(self.request.session)
        return context


@never_cache
def captcha_image(request):
    code = captcha.expected_answer(request.session) or captcha.new_challenge(request.session)
    return HttpResponse(captcha.render_png(code), content_type="image/png")


class ContributionThanksView(ContributionBreadcrumbsMixin, TemplateView):
    """The receipt page; its address carries a signed id, so receipts cannot be enumerated."""

    template_name = "submissions/contribution_thanks.html"
    crumb = _("Received")

    def get_context_data(self, **kwargs):
        try:
            pk = signing.loads(self.kwargs["token"], salt=RECEIPT_SALT, max_age=7 * 24 * 3600)
        except signing.BadSignature as exc:
            raise Http404(_("This receipt link is not valid.")) from exc
        contribution = Contribution.objects.filter(pk=pk).only("receipt_code", "title", "created_at").first()
        if contribution is None:
            raise Http404(_("This receipt link is not valid."))
        return super().get_context_data(**kwargs, contribution=contribution, again="again" in self.request.GET)


class TermsView(ContributionBreadcrumbsMixin, TemplateView):
    template_name = "submissions/terms.html"

    def get_context_data(self, **kwargs):
        terms = ContributionTerms.current()
        if terms is None:
            raise Http404(_("Contributions are not open yet."))
        self.crumb = terms.title
        return super().get_context_data(**kwargs, terms=terms)


LOOKUPS_PER_HOUR = RateLimit("contribution-status", limit=30, window=3600)


class ContributionStatusView(ContributionBreadcrumbsMixin, FormView):
    """Look up a contribution by receipt code and email (GET, so the answer can be bookmarked)."""

    template_name = "submissions/contribution_status.html"
    form_class = ReceiptLookupForm
    crumb = _("Check the status")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if {"code", "email"} & set(self.request.GET):
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_bound:
            return self.render_to_response(self.get_context_data(form=form))
        try:
            if not LOOKUPS_PER_HOUR.allow(request):
                return rate_limited_response(request)
        except RateLimitUnavailable:  # fail closed: look-ups cannot be counted, so none is answered
            context = self.get_context_data(form=form, unavailable=True)
            return self.render_to_response(context, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        contribution = (
            Contribution.objects.select_related("article")
            .filter(receipt_code=form.cleaned_data["code"], email__iexact=form.cleaned_data["email"])
            .first()
        )
        return self.render_to_response(
            self.get_context_data(form=form, contribution=contribution, not_found=contribution is None)
        )
