"""The root URL map. Each app owns its paths; the site-wide catch-all for static pages comes last."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles.feeds import AtomNewsFeed, NewsFeed
from articles.sitemaps import ArticleSitemap, ColumnSitemap
from cms.caching.tags import COLUMNS, NEWS, PAGES, POLICIES, TERMS, column_tag
from cms.caching.views import cached_page
from cms.media.editor_images import upload_editor_image
from cms.public import views
from cms.public.display import switch_display
from cms.public.sitemaps import HomeSitemap, PageSitemap
from policies.feeds import AtomPolicyFeed, PolicyFeed
from policies.sitemaps import PolicySitemap

COLUMN_TAG = column_tag("{slug}")

#: The home page and the static pages (``cms:home``, ``cms:page``); the catch-all ``/<slug>/`` comes last.
site_patterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page"),
]
SITEMAP_TAGS = (NEWS, COLUMNS, POLICIES, PAGES)

#: Each section is named after the page-cache tag of what it lists, so its files are purged with that content.
sitemaps = {
    "home": HomeSitemap,
    PAGES: PageSitemap,
    COLUMNS: ColumnSitemap,
    NEWS: ArticleSitemap,
    POLICIES: PolicySitemap,
}

urlpatterns = [
    path("admin/editor-images/upload/", upload_editor_image, name="editor-image-upload"),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("display/", switch_display, name="display"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon),
    # An index of sections, each split into files of at most 5,000 addresses (?p=2…): search engines read 50,000
    # per file at most, and a district portal passes that within a few years of news.
    path(
        "sitemap.xml",
        cached_page(*SITEMAP_TAGS)(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cached_page("{section}", params=frozenset({"p"}))(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("feeds/news/", cached_page(NEWS, COLUMNS)(NewsFeed()), name="feed-news"),
    path("feeds/news/atom/", cached_page(NEWS, COLUMNS)(AtomNewsFeed()), name="feed-news-atom"),
    path("feeds/news/<slug:slug>/", cached_page(COLUMN_TAG, COLUMNS)(NewsFeed()), name="feed-column"),
    path("feeds/news/<slug:slug>/atom/", cached_page(COLUMN_TAG, COLUMNS)(AtomNewsFeed()), name="feed-column-atom"),
    path("feeds/policies/", cached_page(POLICIES, TERMS)(PolicyFeed()), name="feed-policies"),
    path("feeds/policies/atom/", cached_page(POLICIES, TERMS)(AtomPolicyFeed()), name="feed-policies-atom"),
    path("news/", include("articles.urls")),
    path("policies/", include("policies.urls")),
    path("search/", include("cms.search.urls")),
    path("", include("submissions.urls")),
    path("", include((site_patterns, "cms"))),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
