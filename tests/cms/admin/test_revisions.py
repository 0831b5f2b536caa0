"""Comparing saved versions (cms/admin/revisions.py) and the words an editor reads (cms/admin/values.py).

Paths into a comparison, each tested here:
- the history page: pick versions A and B (radio buttons, a plain GET form) → ``<id>/history/compare/?a=…&b=…``;
- “compare with current” on each version → ``<id>/history/<version id>/compare/``;
- ``compare()`` called directly (the pending-change review screen does so) with Python or JSON states.
Outcomes: Chinese state names, local times (Asia/Shanghai), tag and many-to-many names, attachments, the body's
character diff; 403 without permission; 404 for an unknown item or a version of another item; a clear message
(400) for missing or malformed choices, never a 500.
"""

import datetime as dt
import re

import pytest
import reversion
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from articles.models import Article
from cms.admin.revision_format import FORMAT
from cms.admin.revisions import version_state
from cms.admin.values import EMPTY, comparable_fields, compare, display_value, instance_state
from cms.workflow.states import Status
from policies.models import Attachment, Policy
from tests.factories import (
    ArticleFactory,
    AuthorityFactory,
    ColumnFactory,
    DraftArticleFactory,
    IndustryFactory,
    PolicyFactory,
)
from tests.helpers import article_form, text_of

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"
POLICIES = "/admin/policies/policy/"
NINE_AM_SHANGHAI = dt.datetime(2026, 12, 10, 1, 0, tzinfo=dt.UTC)


def save_version(item, *, user=None, tags=None, **fields) -> Version:
    """Change ``item`` and save it as a new version, the way the admin does (one revision per save)."""
    with reversion.create_revision():
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
        if tags is not None:
            item.tags.set(tags)
        if user is not None:
            reversion.set_user(user)
    return Version.objects.get_for_object(item).first()


def comparison_table(response) -> str:
    html = response.content.decode()
    match = re.search(r'<table class="revision-diff revision-compare">.*?</table>', html, re.S)
    assert match, html
    return match[0]


def two_article_versions(editor):
    article = DraftArticleFactory(title="推介会", body="<p>推介会吸引了三十家企业。</p>")
    draft = save_version(article, user=editor, tags=["生物医药"])
    published = save_version(
        article, user=editor, tags=["生物医药", "总部经济"], status=Status.PUBLISHED, publish_at=NINE_AM_SHANGHAI,
        body="<p>推介会吸引了五十家企业。</p>", pinned=True,
    )  # fmt: skip
    return article, draft, published


# -- the history page -------------------------------------------------------------------------------------------------
def test_history_lets_the_user_pick_two_versions(client, editor):
    article, draft, published = two_article_versions(editor)
    client.force_login(editor)
    html = client.get(f"{ARTICLES}{article.pk}/history/").content.decode()
    assert f'action="{ARTICLES}{article.pk}/history/compare/"' in html and 'method="get"' in html
    assert re.search(rf'name="a" value="{draft.pk}"[^>]*checked', html)  # the previous version …
    assert re.search(rf'name="b" value="{published.pk}"[^>]*checked', html)  # … against the latest, by default
    assert f"/history/{draft.pk}/compare/" in html  # “compare with current” is still there
    assert "比较版本 A 和 B" in html


# -- two versions -----------------------------------------------------------------------------------------------------
def test_two_versions_side_by_side_in_words_an_editor_reads(client, reviewer, editor):
    article, draft, published = two_article_versions(editor)
    article.title = "今天的标题"  # the current content is not part of this comparison
    article.save()
    client.force_login(reviewer)
    response = client.get(f"{ARTICLES}{article.pk}/history/compare/", {"a": published.pk, "b": draft.pk})
    assert response.status_code == 200
    table = comparison_table(response)
    assert "草稿" in table and "已发布" in table
    assert "published" not in table and "draft" not in table
    assert "2026-12-10 09:00" in table and "01:00" not in table
    assert "总部经济" in table and "生物医药" in table
    assert "<del>三</del><ins>五</ins>十家企业" in table
    assert "是" in table and "否" in table  # pinned
    assert "今天的标题" not in table
    # The earlier version is on the left whatever the order of a and b; both are dated in local time, with the author.
    left, right = re.findall(r'<th scope="col">(.*?)</th>', table, re.S)[1:3]
    local = "%Y-%m-%d %H:%M"
    assert draft.revision.date_created.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime(local) in left
    assert "的版本" in left and "保存人：editor-test" in left and "保存人：editor-test" in right
    assert f"/history/{draft.pk}/" in left and f"/history/{published.pk}/" in right


def test_policy_metadata_many_to_many_and_attachments(client, reviewer):
    government = AuthorityFactory(name="云湖区人民政府")
    commerce = AuthorityFactory(name="云湖区商务委员会")
    biomedicine = IndustryFactory(name="生物医药产业")
    policy = PolicyFactory(authorities=[government], level="district")
    before = save_version(policy)
    with reversion.create_revision():
        policy.level = "municipal"
        policy.issued_on = dt.date(2026, 12, 1)
        policy.save()
        policy.authorities.set([government, commerce])
        policy.industries.set([biomedicine])
        Attachment.objects.create(policy=policy, title="申报指南", file=SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n"))
    after = Version.objects.get_for_object(policy).first()
    client.force_login(reviewer)
    table = comparison_table(client.get(f"{POLICIES}{policy.pk}/history/compare/", {"a": before.pk, "b": after.pk}))
    assert "区级" in table and "市级" in table and "district" not in table
    assert "云湖区人民政府、云湖区商务委员会" in table or "云湖区商务委员会、云湖区人民政府" in table
    assert "生物医药产业" in table
    assert "2026-12-01" in table
    assert "附件" in table and "申报指南" in table


def test_tags_of_a_version_saved_before_they_were_recorded_are_not_todays(client, reviewer):
    article = ArticleFactory()
    old = save_version(article, tags=["旧标签"])
    old.format, old.serialized_data = "json", re.sub(r', "tags": \{[^}]*\}', "", old.serialized_data)
    old.save()
    new = save_version(article, tags=["新标签"])
    client.force_login(reviewer)
    table = comparison_table(client.get(f"{ARTICLES}{article.pk}/history/compare/", {"a": old.pk, "b": new.pk}))
    row = re.search(r"<tr><th scope=\"row\">标签</th>(.*?)</tr>", table)[1]
    assert "未记录" in row and "新标签" in row and "旧标签" not in row  # not today's tags, shown as unknown
    assert "tags" not in version_state(old) and version_state(new)["tags"] == ["新标签"]


def test_compare_with_current_still_works(client, editor):
    column = ColumnFactory()
    client.force_login(editor)
    client.post(f"{ARTICLES}add/", article_form(column, title="旧标题", tags="生物医药"))
    article = Article.objects.get()
    client.post(f"{ARTICLES}{article.pk}/change/", article_form(column, title="新标题", tags="生物医药、总部经济"))
    oldest = Version.objects.get_for_object(article).last()
    response = client.get(f"{ARTICLES}{article.pk}/history/{oldest.pk}/compare/")
    assert response.status_code == 200
    table = comparison_table(response)
    assert "<del>旧</del><ins>新</ins>标题" in table
    assert "总部经济" in table and "当前内容" in table
    assert "打开此版本以恢复" in response.content.decode()


def test_versions_are_recorded_with_their_tags_and_restore_as_before(editor):
    article = ArticleFactory()
    version = save_version(article, tags=["生物医药"])
    assert version.format == FORMAT and '"tags": {"tags": ["生物医药"]}' in version.serialized_data
    article.tags.set(["总部经济"])
    version.revert()  # django-reversion reads the format as JSON and ignores the names
    assert Article.objects.get(pk=article.pk).title == article.title


# -- who may compare, and what is refused ----------------------------------------------------------------------------
def test_only_staff_who_may_view_the_item_compare(client, editor, officer, staff_without_role):
    article, draft, published = two_article_versions(editor)
    url = f"{ARTICLES}{article.pk}/history/compare/?a={draft.pk}&b={published.pk}"
    for user in (officer, staff_without_role):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.get(f"{ARTICLES}{article.pk}/history/{draft.pk}/compare/").status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_a_version_of_another_item_is_not_found(client, reviewer, editor):
    article, draft, _published = two_article_versions(editor)
    other = save_version(ArticleFactory())
    client.force_login(reviewer)
    assert client.get(f"{ARTICLES}{article.pk}/history/compare/", {"a": draft.pk, "b": other.pk}).status_code == 404
    assert client.get(f"{ARTICLES}{article.pk}/history/{other.pk}/compare/").status_code == 404
    assert client.get(f"{ARTICLES}{article.pk}/history/compare/", {"a": draft.pk, "b": 999999}).status_code == 404
    policy_version = save_version(PolicyFactory())
    assert client.get(f"{ARTICLES}{article.pk}/history/{policy_version.pk}/compare/").status_code == 404


@pytest.mark.parametrize(
    "query",
    ["", "?a=1", "?a=abc&b=2", "?a=-1&b=2", "?a=1.5&b=2", "?a=99999999999999999999999&b=2", "?a=&b=", "?a=%00&b=1"],
)
def test_bad_choices_say_what_to_do(client, reviewer, editor, query):
    article, _draft, _published = two_article_versions(editor)
    client.force_login(reviewer)
    response = client.get(f"{ARTICLES}{article.pk}/history/compare/{query}")
    assert response.status_code == 400
    assert "请在历史记录中选择两个版本（A 和 B）进行比较" in text_of(response)
    assert f"{ARTICLES}{article.pk}/history/" in response.content.decode()


def test_the_same_version_twice_is_refused_with_a_message(client, reviewer, editor):
    article, draft, _published = two_article_versions(editor)
    client.force_login(reviewer)
    response = client.get(f"{ARTICLES}{article.pk}/history/compare/", {"a": draft.pk, "b": draft.pk})
    assert response.status_code == 400 and "请选择两个不同的版本进行比较" in text_of(response)


@pytest.mark.parametrize("object_id", ["abc", "999999", "1%00"])
def test_an_unknown_item_is_not_found(client, reviewer, object_id):
    client.force_login(reviewer)
    assert client.get(f"{ARTICLES}{object_id}/history/compare/?a=1&b=2").status_code == 404
    assert client.get(f"{ARTICLES}{object_id}/history/1/compare/").status_code == 404


# -- display_value: Python and JSON values read the same --------------------------------------------------------------
def field(model, name):
    return model._meta.get_field(name)


@pytest.mark.parametrize(
    "name,python,json,text",
    [
        ("status", Status.PUBLISHED, "published", "已发布"),
        ("status", Status.DRAFT, "draft", "草稿"),
        ("publish_at", NINE_AM_SHANGHAI, "2026-12-10T01:00:00+00:00", "2026-12-10 09:00"),
        ("publish_at", NINE_AM_SHANGHAI, "2026-12-10T01:00:00Z", "2026-12-10 09:00"),
        ("original_published_on", dt.date(2026, 12, 10), "2026-12-10", "2026-12-10"),
        ("pinned", True, "True", "是"),
        ("pinned", False, "False", "否"),
        (
            "body",
            "<p>第一段</p><p>第二段 &amp; 附则</p>",
            "<p>第一段</p><p>第二段 &amp; 附则</p>",
            "第一段\n第二段 & 附则",
        ),
        ("cover", None, "articles/covers/2026/12/hall.jpg", "hall.jpg"),
        ("title", "标题", "标题", "标题"),
        ("summary", "", "", EMPTY),
        ("publish_at", None, None, EMPTY),
    ],
)
def test_display_value_of_article_fields(name, python, json, text):
    if name == "cover" and python is None:
        python = Article(cover="articles/covers/2026/12/hall.jpg").cover  # a FieldFile
    assert display_value(field(Article, name), python) == text
    assert display_value(field(Article, name), json) == text


def test_naive_times_are_read_as_local_time():
    assert display_value(field(Article, "publish_at"), "2026-12-10T09:00:00") == "2026-12-10 09:00"


def test_display_value_of_relations():
    column = ColumnFactory(name="重大项目")
    assert display_value(field(Article, "column"), column.pk) == "重大项目"
    assert display_value(field(Article, "column"), str(column.pk)) == "重大项目"
    assert display_value(field(Article, "column"), column) == "重大项目"
    assert display_value(field(Article, "column"), None) == EMPTY
    assert display_value(field(Article, "column"), 999999) == "（已删除，编号 999999）"
    assert display_value(field(Article, "column"), "not-a-number") == "not-a-number"

    first, second = AuthorityFactory(name="甲委员会"), AuthorityFactory(name="乙委员会")
    authorities = field(Policy, "authorities")
    expected = "、".join(a.name for a in type(first).objects.filter(pk__in=[first.pk, second.pk]))
    assert display_value(authorities, [second.pk, first.pk]) == expected  # python: ids, in the related model's order
    assert display_value(authorities, [str(first.pk), str(second.pk)]) == expected  # JSON
    assert display_value(authorities, [first, second]) == expected
    assert display_value(authorities, []) == EMPTY
    assert display_value(authorities, [first.pk, 999999]) == f"{first.name}、（已删除，编号 999999）"


def test_display_value_of_tags():
    tags = field(Article, "tags")
    article = ArticleFactory()
    article.tags.set(["总部经济", "生物医药"])
    expected = "、".join(sorted(["总部经济", "生物医药"]))
    assert display_value(tags, ["生物医药", "总部经济"]) == expected  # JSON: names
    assert display_value(tags, list(article.tags.all())) == expected  # python: Tag objects
    assert display_value(tags, article.tags) == expected  # a manager
    assert display_value(tags, "生物医药，总部经济") == expected  # as typed in the form
    assert display_value(tags, []) == EMPTY and display_value(tags, None) == EMPTY


def test_display_value_of_attachments():
    attachments = Policy._meta.get_field("attachments")
    policy = PolicyFactory()
    saved = Attachment.objects.create(policy=policy, title="申报指南", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"))
    assert display_value(attachments, [saved]) == "申报指南"
    assert display_value(attachments, [saved.pk]) == "申报指南"
    assert display_value(attachments, [{"title": "", "original_name": "表格.pdf", "file": "x.pdf"}]) == "表格.pdf"
    assert display_value(attachments, []) == EMPTY


# -- compare() --------------------------------------------------------------------------------------------------------
def test_compare_python_state_with_json_state():
    column = ColumnFactory(name="营商环境")
    article = ArticleFactory(
        column=column, title="旧标题", status=Status.DRAFT, publish_at=None, body="<p>三十家企业</p>"
    )
    article.tags.set(["生物医药"])
    proposed = {  # what a pending change holds: JSON values by field name
        "title": "新标题", "column": str(column.pk), "body": "<p>五十家企业</p>", "status": "published",
        "publish_at": "2026-12-10T01:00:00+00:00", "tags": ["生物医药", "总部经济"], "pinned": False,
    }  # fmt: skip
    rows = {row.name: row for row in compare(Article, instance_state(article), proposed)}
    assert rows["title"].label == "标题" and rows["title"].changed
    assert str(rows["title"].diff) == "<del>旧</del><ins>新</ins>标题"
    assert (rows["status"].old, rows["status"].new) == ("草稿", "已发布")
    assert (rows["publish_at"].old, rows["publish_at"].new) == (EMPTY, "2026-12-10 09:00")
    assert rows["tags"].new == "、".join(sorted(["生物医药", "总部经济"])) and rows["tags"].changed
    assert rows["column"].old == rows["column"].new == "营商环境" and not rows["column"].changed
    assert not rows["pinned"].changed
    assert "<del>三</del><ins>五</ins>" in str(rows["body"].diff)
    assert (rows["author"].new, rows["author"].changed) == ("未记录", False)  # not in the proposed state
    assert set(rows) <= set(comparable_fields(Article))


def test_compare_leaves_out_bookkeeping_and_marks_what_one_side_did_not_record():
    assert {"created_at", "updated_at", "created_by", "updated_by", "id", "excerpt"}.isdisjoint(
        comparable_fields(Article)
    )
    rows = compare(Article, {"title": "甲"}, {"title": "甲", "summary": "乙"})
    assert [(row.name, row.old, row.new, row.changed, row.recorded) for row in rows] == [
        ("title", "甲", "甲", False, True),
        ("summary", "未记录", "乙", False, False),
    ]
    assert compare(Article, {"title": "<b>"}, {"title": "<i>"}, fields=["title"])[0].diff == (
        "&lt;<del>b</del><ins>i</ins>&gt;"
    )
