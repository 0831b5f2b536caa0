"""`load_demo` is idempotent, prints the logins, supports --dry-run and refuses to run in production."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cms.models import Page, SiteSettings


def run(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_twice():
    first = run()
    counts = (Page.objects.count(), get_user_model().objects.count(), SiteSettings.objects.count())
    second = run()
    assert (Page.objects.count(), get_user_model().objects.count(), SiteSettings.objects.count()) == counts
    assert counts == (3, 3, 1)
    assert first.count("editor / ") == 1 and second.count("editor / ") == 1


@pytest.mark.django_db
def test_demo_logins_work(client):
    output = run()
    for username in ["editor", "reviewer", "officer"]:
        assert f"{username} / zhaoshang-demo-2026" in output
        assert client.login(username=username, password="zhaoshang-demo-2026")
        assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_dry_run_changes_nothing():
    output = run("--dry-run")
    assert Page.objects.count() == 0
    assert get_user_model().objects.count() == 0
    assert "未保存任何内容" in output


@pytest.mark.django_db
def test_load_demo_is_refused_without_demo_permission(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="演示内容"):
        run()
    assert Page.objects.count() == 0
