import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from cms.caching.pages import clear_local_copies
from cms.search import analytics
from cms.security.roles import EDITOR, INVESTMENT_OFFICER, REVIEWER


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    clear_local_copies()
    analytics.tally.discard()
    yield
    cache.clear()
    clear_local_copies()
    analytics.tally.discard()


def _staff_user(django_user_model, username: str, role: str | None):
    user = django_user_model.objects.create_user(
        username=username, password="pw-for-tests-only", is_staff=True, email=f"{username}@example.test"
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(django_user_model):
    return _staff_user(django_user_model, "editor-test", EDITOR)


@pytest.fixture
def reviewer(django_user_model):
    return _staff_user(django_user_model, "reviewer-test", REVIEWER)


@pytest.fixture
def officer(django_user_model):
    return _staff_user(django_user_model, "officer-test", INVESTMENT_OFFICER)


@pytest.fixture
def staff_without_role(django_user_model):
    return _staff_user(django_user_model, "staff-test", None)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root-test", "root@example.test", "pw-for-tests-only")


@pytest.fixture
def demo_site(db):
    """The demo site shell (settings, pages, role users), as `load_demo` creates it; no news or policies."""
    from demo import site

    site.load(site.DemoReport(), password="pw-for-tests-only")


def pytest_sessionfinish(session, exitstatus):
    """Remove the throw-away media and static folders the test settings created."""
    import shutil

    from django.conf import settings

    for folder in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        if "cms-test-" in str(folder):
            shutil.rmtree(folder, ignore_errors=True)


def pytest_collection_modifyitems(items):
    """Transactional tests must restore the migrated data (roles, content types) for the tests after them: a
    flush without it re-creates content types that the next serialized restore then finds twice."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            fix = "@pytest.mark.django_db(transaction=True, serialized_rollback=True)"
            raise pytest.UsageError(f"{item.nodeid}: use {fix}")
