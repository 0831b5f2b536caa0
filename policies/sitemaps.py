from django.contrib.sitemaps import Sitemap

from .models import Policy


class PolicySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Policy.objects.published().only("pk", "updated_at").order_by("-issued_on", "-pk")

    def lastmod(self, policy):
        return policy.updated_at
