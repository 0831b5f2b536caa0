from django.utils import timezone

from cms.public import navigation
from cms.public.display import elder_mode
from cms.public.links import site_url
from cms.public.models import SiteSettings, footer_pages


def site(request):
    """Site settings, menus and footer links for every template."""
    return {
        "site_settings": SiteSettings.load(),
        "main_menu": navigation.main_menu(request.path),
        "consult_links": navigation.consult_links(),
        "footer_pages": footer_pages(),
        "SITE_URL": site_url(request),
        "elder_mode": elder_mode(request),
        "current_year": timezone.localdate().year,  # the footer's ©, part of its fragment key
    }
