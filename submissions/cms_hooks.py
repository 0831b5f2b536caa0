"""How contributions and inquiries plug into the core: menu, footer topics, dashboard and personal-data purges."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms import hooks
from cms.public.navigation import Link, MenuEntry

from .admin.contributions import contributions_panel
from .admin.inquiries import leads_panel
from .admin.outbox import email_panel
from .choices import ConsultTopic
from .services import contributions, inquiries


def consult_topics() -> list[Link]:
    url = reverse("submissions:consult")
    return [Link(str(topic.label), f"{url}?topic={topic.value}") for topic in ConsultTopic]


hooks.register(hooks.MAIN_MENU, MenuEntry(_("Contribute"), "submissions:contribute"), order=30)
hooks.register(hooks.CONSULT_LINKS, consult_topics)
hooks.register(hooks.DASHBOARD_PANELS, contributions_panel)
hooks.register(hooks.DASHBOARD_PANELS, leads_panel)
hooks.register(hooks.DASHBOARD_PANELS, email_panel)
hooks.register(hooks.PERSONAL_DATA_PURGERS, contributions.PURGER)
hooks.register(hooks.PERSONAL_DATA_PURGERS, inquiries.PURGER)
