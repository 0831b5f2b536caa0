"""The three editor roles exist after migrating and carry exactly their permissions."""

import pytest
from django.contrib.auth.models import Group

from cms.security.roles import EDITOR, INVESTMENT_OFFICER, REVIEWER

pytestmark = pytest.mark.django_db

EDITOR_PERMISSIONS = {
    "cms.view_page",
    "cms.add_page",
    "cms.change_page",
    "cms.view_searchlog",
    "cms.view_popularsearch",
    "cms.view_editorimage",
    "cms.add_editorimage",
    "articles.view_article",
    "articles.add_article",
    "articles.change_article",
    "articles.view_column",
    "policies.view_policy",
    "policies.add_policy",
    "policies.change_policy",
    "policies.view_attachment",
    "policies.add_attachment",
    "policies.change_attachment",
    "policies.delete_attachment",
    "policies.view_authority",
    "policies.view_industry",
    "policies.view_supporttype",
    "policies.view_topic",
}
TAXONOMY_EDITING = {
    f"policies.{action}_{model}"
    for model in ("authority", "industry", "supporttype", "topic")
    for action in ("add", "change", "delete")
}
EXPECTED = {
    EDITOR: EDITOR_PERMISSIONS,
    REVIEWER: EDITOR_PERMISSIONS
    | {
        "cms.delete_page",
        "cms.publish_page",
        "cms.view_sitesettings",
        "cms.view_auditentry",
        "cms.change_sitesettings",
        "cms.add_popularsearch",
        "cms.change_popularsearch",
        "cms.delete_popularsearch",
        "cms.change_editorimage",
        "cms.delete_editorimage",
        "articles.delete_article",
        "articles.publish_article",
        "articles.add_column",
        "articles.change_column",
        "articles.delete_column",
        "policies.delete_policy",
        "policies.publish_policy",
        "submissions.view_contribution",
        "submissions.change_contribution",
        "submissions.review_contribution",
        "submissions.view_contribution_personal_data",
        "submissions.view_contributionterms",
        "submissions.add_contributionterms",
    }
    | TAXONOMY_EDITING,
    INVESTMENT_OFFICER: {
        "submissions.view_inquiry",
        "submissions.change_inquiry",
        "submissions.view_followup",
        "submissions.add_followup",
        "submissions.view_inquiry_personal_data",
        "submissions.export_inquiry",
    },
}


def permissions_of(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_carries_exactly_its_permissions(role):
    assert permissions_of(Group.objects.get(name=role)) == EXPECTED[role]


def test_only_reviewers_may_change_site_settings(client, editor, reviewer, officer):
    url = "/admin/cms/sitesettings/1/change/"
    expectations = [(editor, 403), (officer, 403), (reviewer, 200)]
    for user, status in expectations:
        client.force_login(user)
        assert client.get(url).status_code == status, user.username


def test_editor_can_write_pages_but_not_delete_them(client, editor, demo_site):
    client.force_login(editor)
    assert client.get("/admin/cms/page/add/").status_code == 200
    assert client.get("/admin/cms/page/1/delete/").status_code == 403
