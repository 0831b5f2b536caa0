"""RSS 2.0 and Atom feeds of newly published policies."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.public.links import site_url
from cms.public.models import SiteSettings

from .models import Policy

FEED_SIZE = 30


class PolicyFeed(Feed):
    def title(self):
        return _("%(site)s · Investment policies") % {"site": SiteSettings.load().site_name}

    def link(self):
        return site_url() + reverse("policies:list")

    def description(self):
        return _("Newly published investment policies, with their document numbers and validity.")

    def items(self):
        return Policy.objects.published().order_by("-publish_at", "-pk")[:FEED_SIZE]

    def item_title(self, policy):
        return f"{policy.title}（{policy.document_number}）" if policy.document_number else policy.title

    def item_description(self, policy):
        return escape("；".join(policy.measures[:3]))  # feed readers treat the description as HTML

    def item_pubdate(self, policy):
        return policy.publish_at

    def item_updateddate(self, policy):
        return policy.updated_at

    def item_link(self, policy):
        return f"{site_url()}{policy.get_absolute_url()}"


class AtomPolicyFeed(PolicyFeed):
    feed_type = Atom1Feed
    subtitle = PolicyFeed.description
