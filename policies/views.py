from django.core.paginator import InvalidPage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from cms.caching.tags import POLICIES, TERMS
from cms.caching.views import CachedPageMixin, PreviewMixin
from cms.public.navigation import Link
from cms.public.querystrings import page_number as page_number_of
from cms.text.toc import AnchoredBody

from .caching import policy_detail_tags
from .filters import search_policies
from .models import Attachment, Policy
from .selectors import labels_of
from .seo import legislation_jsonld


class PolicyLibraryView(CachedPageMixin, TemplateView):
    template_name = "policies/policy_list.html"
    cache_params = frozenset({"q", "level", "authority", "industry", "support", "validity", "year", "sort", "page"})

    def page_cache_tags(self):
        return {POLICIES, TERMS}

    def get_context_data(self, **kwargs):
        try:
            result = search_policies(self.request.GET, page_number=page_number_of(self.request.GET))
        except InvalidPage as exc:
            raise Http404(_("No such page.")) from exc
        return super().get_context_data(
            **kwargs, result=result, page_obj=result.page, breadcrumbs=[Link(_("Investment policies"), "")]
        )


class PolicyDetailView(PreviewMixin, CachedPageMixin, DetailView):
    template_name = "policies/policy_detail.html"
    context_object_name = "policy"
    cache_params = frozenset()

    def get_queryset(self):
        return (
            Policy.objects.visible_to(self.request.user)
            .with_validity()
            .select_related("topic", "replaced_by__replaced_by")
            .prefetch_related("attachments")
        )

    def get_context_data(self, **kwargs):
        policy = self.object
        self.labels = labels_of(policy)
        self.replaces = list(policy.replaces.only("pk", "title"))
        self.interpretations = list(
            policy.interpretations.published()
            .select_related("column")
            .only("pk", "title", "publish_at", "column__name", "column__slug")
        )
        related = (
            Policy.objects.published()
            .filter(industries__in=[industry.pk for industry in self.labels.industries])
            .exclude(pk=policy.pk)
            .with_validity()
            .distinct()
            .order_by("-issued_on")[:5]
        )
        self.replacement_chain = policy.replacement_chain()
        return super().get_context_data(
            **kwargs,
            policy_body=AnchoredBody(policy.body),
            is_preview=not policy.is_live(),
            interpretations=self.interpretations,
            related=related,
            replacement_chain=self.replacement_chain,
            replaces=self.replaces,
            authorities=self.labels.authorities,
            structured_data=legislation_jsonld(policy, self.labels.authorities),
            breadcrumbs=[Link(_("Investment policies"), reverse("policies:list")), Link(policy.title, "")],
        )

    def page_cache_tags(self):
        return policy_detail_tags(
            self.object,
            industries=self.labels.industries,
            linked_policies=[*self.replacement_chain, *self.replaces],
            interpretations=self.interpretations,
        )


def download_attachment(request, pk):
    """Serve an attachment of a visible policy under its original file name."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("policy"),
        pk=pk,
        policy__in=Policy.objects.visible_to(request.user),
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing.")) from exc
    return FileResponse(handle, as_attachment=True, filename=attachment.download_name)
