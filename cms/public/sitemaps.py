from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cms.public.models import Page


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["cms:home"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Page.objects.published().order_by("pk")

    def lastmod(self, page):
        return page.updated_at
