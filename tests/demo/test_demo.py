"""`load_demo` is idempotent, prints the logins, supports --dry-run and refuses to run in production."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Column
from cms.public.models import Page, SiteSettings
from cms.search.models import SearchDocument
from policies.models import Attachment, Policy
from submissions.models import Contribution
from tests.cms.test_settings import PROD_ENV, run_manage

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def demo_counts() -> dict[str, int]:
    models = [Page, get_user_model(), SiteSettings, Column, Article, Policy, Attachment, Contribution]
    return {model._meta.label: model.objects.count() for model in models}


def test_load_demo_twice_creates_nothing_twice():
    first = run()
    counts = demo_counts()
    second = run()
    assert demo_counts() == counts
    assert counts["cms.Page"] == 3 and counts["auth.User"] == 3 and counts["cms.SiteSettings"] == 1
    assert counts["articles.Article"] >= 30 and counts["articles.Column"] >= 4
    assert counts["policies.Policy"] >= 15 and counts["policies.Attachment"] >= 15
    assert first.count("editor / ") == 1 and second.count("editor / ") == 1


def test_demo_content_covers_the_cases_editors_need(client):
    run()
    assert Article.objects.published().count() >= 28
    assert Article.objects.scheduled().count() == 1
    assert Article.objects.filter(status="draft").count() == 1
    assert Article.objects.exclude(cover="").count() >= 10
    states = set(Policy.objects.published().with_validity().values_list("validity_state", flat=True))
    assert states >= {"valid", "expiring", "expired", "repealed", "replaced", "not_yet_effective"}
    assert Policy.objects.filter(interpretations__isnull=False).exists()
    for url in ["/", "/news/", "/policies/", "/policies/?validity=all", "/contribute/"]:
        assert client.get(url).status_code == 200, url


def test_demo_logins_work(client):
    output = run()
    for username in ["editor", "reviewer", "officer"]:
        assert f"{username} / zhaoshang-demo-2026" in output
        signed_in = client.post("/admin/login/?next=/admin/", {"username": username, "password": "zhaoshang-demo-2026"})
        assert signed_in.status_code == 302 and client.get("/admin/").status_code == 200
        client.logout()


def test_dry_run_changes_nothing():
    output = run("--dry-run")
    assert Page.objects.count() == 0
    assert get_user_model().objects.count() == 0
    assert "未保存任何内容" in output


def test_production_settings_do_not_know_the_demo_commands():
    for command in ("load_demo", "bench_content", "bench_search"):
        result = run_manage(command, "--dry-run", env=PROD_ENV)
        assert result.returncode != 0
        assert f"Unknown command: '{command}'" in result.stderr


def test_bench_content_tops_up_to_the_asked_size_is_searchable_and_purges_cached_pages(client, settings):
    """The benchmark content: published articles and policies with search documents, made up to the asked size
    (running it again adds nothing), and the page cache purged since bulk inserts send no signals."""
    run()
    settings.PAGE_CACHE_ENABLED = True
    client.get("/news/")
    assert client.get("/news/").headers.get("X-Page-Cache") == "hit"
    articles, policies = Article.objects.count() + 25, Policy.objects.count() + 5
    indexed = SearchDocument.objects.count()
    out = io.StringIO()
    call_command("bench_content", "--articles", str(articles), "--policies", str(policies), stdout=out)
    assert Article.objects.published().count() >= articles - 5  # the demo's own drafts stay drafts
    assert Policy.objects.count() == policies
    assert SearchDocument.objects.count() == indexed + 25 + 5
    assert f"{articles} articles, {policies} policies" in out.getvalue()
    assert client.get("/news/").headers.get("X-Page-Cache") is None
    call_command("bench_content", "--articles", str(articles), "--policies", str(policies), stdout=io.StringIO())
    assert (Article.objects.count(), Policy.objects.count()) == (articles, policies)
