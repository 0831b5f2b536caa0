"""The site's contact details: one contact list (templates/includes/contact_list.html) in the footer and on the
contact page, and one ``tel:`` form of the hotline (``SiteSettings.hotline_tel``) on every page that links it."""

import re

import pytest

from cms.public.models import SiteSettings
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

CONTACT_LIST = re.compile(r'<dl class="contact-list">.*?</dl>', re.S)


@pytest.fixture
def site_settings(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = SiteSettings.load()
        row.hotline = "０２１-5555　0199"
        row.service_hours = "工作日 9:00–17:30"
        row.contact_email = "invest@example.cn"
        row.address = "云湖区滨江大道1号"
        row.save()
    return row


def test_hotline_tel_folds_width_and_drops_spaces():
    assert SiteSettings(hotline="021-5555 0100").hotline_tel == "021-55550100"
    assert SiteSettings(hotline="０２１-5555　0199 ").hotline_tel == "021-55550199"


@pytest.mark.parametrize("url", ["/", "/consult/", "/contact/", "/no-such-page/"])
def test_every_hotline_link_dials_the_number(client, site_settings, url):
    PageFactory(slug="contact", title="联系我们")
    html = client.get(url).content.decode()
    tel_links = re.findall(r'href="tel:([^"]*)"', html)
    assert tel_links and set(tel_links) == {"021-55550199"}, url


def test_footer_and_contact_page_show_one_contact_list(client, site_settings):
    PageFactory(slug="contact", title="联系我们")
    main, footer = client.get("/contact/").content.decode().split("<footer", 1)
    (card_list,), (footer_list,) = CONTACT_LIST.findall(main), CONTACT_LIST.findall(footer)
    assert card_list == footer_list
    for detail in ["招商热线", "021-55550199", "工作日 9:00–17:30", "mailto:invest@example.cn", "云湖区滨江大道1号"]:
        assert detail in footer_list, detail
