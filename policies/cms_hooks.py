"""How the policy library plugs into the core: menu, home section, dashboard, search index, page cache, schedule."""

from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItem

from cms import hooks
from cms.caching.tags import POLICIES, TERMS
from cms.caching.watch import Watch, published_or_scheduled
from cms.public.navigation import MenuEntry
from cms.public.sections import HomeSection

from .admin import policy_panel
from .caching import next_scheduled_policy, pages_showing_attachment, pages_showing_policy
from .home import policies_section
from .models import Attachment, Authority, Industry, Policy, SupportType, Topic
from .search import SOURCE

hooks.register(hooks.MAIN_MENU, MenuEntry(_("Investment policies"), "policies:list"), order=20)
hooks.register(hooks.HOME_SECTIONS, HomeSection("policies", policies_section, tags=(POLICIES, TERMS)), order=20)
hooks.register(hooks.DASHBOARD_PANELS, policy_panel)
hooks.register(hooks.SEARCH_SOURCES, SOURCE)
hooks.register(hooks.SCHEDULED_CHANGES, next_scheduled_policy)
POLICY_RELATIONS = (
    TaggedItem,
    Policy.authorities.through,
    Policy.industries.through,
    Policy.support_types.through,
    Policy.interpretations.through,
)
hooks.register(
    hooks.PAGE_CACHE_WATCHERS, Watch(Policy, pages_showing_policy, public=published_or_scheduled, m2m=POLICY_RELATIONS)
)
hooks.register(hooks.PAGE_CACHE_WATCHERS, Watch(Attachment, pages_showing_attachment))
for term in (Authority, Industry, SupportType, Topic):
    hooks.register(hooks.PAGE_CACHE_WATCHERS, Watch(term, lambda _term: {POLICIES, TERMS}))
