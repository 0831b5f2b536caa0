from django.contrib.sitemaps import Sitemap

from .models import Article, Column


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7
    limit = 5000

    def items(self):
        return Article.objects.published().only("pk", "updated_at").order_by("-publish_at", "-pk")

    def lastmod(self, article):
        return article.updated_at


class ColumnSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Column.objects.active()
