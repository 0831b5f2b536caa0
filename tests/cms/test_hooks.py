"""The one registry apps plug into (cms/hooks.py), and the architecture it makes possible.

Paths: every app's ``cms_hooks.py`` is imported at start-up; the core reads menus, home sections, dashboard panels,
search sources, page-cache watchers, scheduled changes and personal-data purgers from it; the import contract
(``lint-imports``) proves the core imports no content app.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from cms import hooks
from cms.caching.watch import Watch
from cms.search.documents import sources

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scratch_hook(monkeypatch):
    """A private copy of the registry, so registering in a test leaves the site's registrations alone."""
    monkeypatch.setattr(hooks, "_registry", type(hooks._registry)(list))
    return hooks


def test_registration_keeps_order_then_arrival_and_ignores_repeats(scratch_hook):
    def first(request):
        return None

    def second(request):
        return None

    def early(request):
        return None

    scratch_hook.register(hooks.DASHBOARD_PANELS, first)
    scratch_hook.register(hooks.DASHBOARD_PANELS, second)
    scratch_hook.register(hooks.DASHBOARD_PANELS, early, order=-1)
    scratch_hook.register(hooks.DASHBOARD_PANELS, first)  # a module imported twice registers once
    assert scratch_hook.get(hooks.DASHBOARD_PANELS) == [early, first, second]


def test_register_works_as_a_decorator(scratch_hook):
    @scratch_hook.register(hooks.SCHEDULED_CHANGES)
    def nothing_scheduled(now):
        return None

    assert scratch_hook.get(hooks.SCHEDULED_CHANGES) == [nothing_scheduled]


def test_a_mistyped_hook_name_fails_loudly():
    with pytest.raises(KeyError, match="Unknown hook"):
        hooks.register("dashboard_panel", lambda request: None)
    with pytest.raises(KeyError):
        hooks.get("dashbord_panels")


def test_every_app_registers_through_its_cms_hooks_module():
    menu = [entry.url_name for entry in hooks.get(hooks.MAIN_MENU)]
    assert menu == ["cms:home", "articles:list", "policies:list", "submissions:contribute", "cms:page"]
    assert {source.model._meta.label for source in sources().values()} == {
        "articles.Article",
        "policies.Policy",
        "cms.Page",
    }
    watched = {watcher.model._meta.label for watcher in hooks.get(hooks.PAGE_CACHE_WATCHERS)}
    assert {"cms.SiteSettings", "cms.Page", "articles.Article", "articles.Column", "policies.Policy"} <= watched
    assert all(isinstance(watcher, Watch) for watcher in hooks.get(hooks.PAGE_CACHE_WATCHERS))
    assert [str(purger.label) for purger in hooks.get(hooks.PERSONAL_DATA_PURGERS)] == [
        "未采用的投稿",
        "已关闭的咨询线索",
    ]
    assert {section.name for section in hooks.get(hooks.HOME_SECTIONS)} == {"news", "policies"}
    assert len(hooks.get(hooks.SCHEDULED_CHANGES)) == 4  # scheduled news, policies, pages and pending changes
    assert len(hooks.get(hooks.DASHBOARD_PANELS)) == 7


def test_discovering_again_registers_nothing_twice():
    before = {name: list(hooks.get(name)) for name in hooks.NAMES}
    hooks.discover()
    assert {name: list(hooks.get(name)) for name in hooks.NAMES} == before


def test_the_import_contract_holds():
    """The shared core imports no content app; news and policies do not import each other; nothing imports demo."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout
