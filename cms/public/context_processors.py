from django.conf import settings

from cms.public import navigation
from cms.public.display import elder_mode
from cms.public.models import SiteSettings, footer_pages


def site(request):
    """Site settings, menus and footer links for every template."""
    return {
        "site_settings": SiteSettings.load(),
        "main_menu": navigation.main_menu(request.path),
        "consult_links": navigation.consult_links(),
        "footer_pages": footer_pages(),
        "site_urls": {
            "search": navigation.named_url("search:results"),
            "contribute": navigation.named_url("submissions:contribute"),
            "consult": navigation.named_url("submissions:consult"),
            "settle": navigation.named_url("submissions:settle"),
            "contact": navigation.named_url("cms:page", slug="contact"),
        },
        "SITE_URL": settings.SITE_URL,
        "elder_mode": elder_mode(request),
    }
