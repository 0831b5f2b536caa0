"""import_articles: JSON Lines, CSV and plain text; bylines and sources; bad rows; idempotency; --to-simplified."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.importing import clean_text_body
from articles.models import Article
from tests.factories import ColumnFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def columns(db):
    return ColumnFactory(name="区域招商", slug="regional"), ColumnFactory(name="重大项目", slug="projects")


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *[str(arg) for arg in args], stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


@pytest.mark.parametrize(
    "text,author,correspondent,source",
    [
        ("本报讯（记者 张三 通讯员 李四）云湖区举办推介会。", "张三", "李四", ""),
        ("本报讯(记者 张三)云湖区举办推介会。", "张三", "", ""),
        ("□ 记者 王五 赵六\n云湖区举办推介会。", "王五 赵六", "", ""),
        ("云湖区举办推介会。（来源：区投促办）", "", "", "区投促办"),
        ("云湖区举办推介会。(来源:区委办)", "", "", "区委办"),
    ],
)
def test_bylines_and_sources_are_moved_into_fields(text, author, correspondent, source):
    body, found = clean_text_body(text)
    assert found.get("author", "") == author
    assert found.get("correspondent", "") == correspondent
    assert found.get("source", "") == source
    assert "记者" not in body and "来源" not in body and "云湖区举办推介会。" in body


def test_print_furniture_is_removed():
    body, _found = clean_text_body("第一段。（下转第 4 版）\n(上接第2版)第二段。（责任编辑：孙悦）")
    assert body == "第一段。\n第二段。"


def test_jsonl_with_bad_lines_imports_the_rest_and_fails(tmp_path, columns):
    path = tmp_path / "news.jsonl"
    lines = [
        {"title": "云湖区举办推介会", "column": "区域招商", "original_date": "2019-03-05", "body": "正文一。",
         "tags": "招商推介、人工智能", "source_url": "https://example.cn/1"},
        "{broken json",
        {"title": "", "body": "没有标题"},
        {"title": "未知栏目", "column": "不存在", "body": "正文"},
        {"title": "坏日期", "column": "projects", "original_date": "2019-13-45", "body": "正文"},
        {"title": "项目开工", "column": "projects", "original_date": "2019年3月6日", "body": "<p>已是 HTML</p>"},
    ]  # fmt: skip
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
    )
    _out, err, error = run(path)
    assert error is not None
    assert Article.objects.count() == 2
    for line in ("2", "3", "4", "5"):
        assert f"news.jsonl 第 {line} 行" in err
    article = Article.objects.get(title="云湖区举办推介会")
    assert article.original_published_on.isoformat() == "2019-03-05"
    assert sorted(article.tags.names()) == ["人工智能", "招商推介"]
    assert article.status == "draft"


def test_csv_and_idempotent_reimport(tmp_path, columns):
    path = tmp_path / "news.csv"
    path.write_text(
        "\ufefftitle,column,original_date,body,summary,author,correspondent,unit,source,source_url,tags\n"
        '氢能项目签约,projects,2024-05-01,"第一段\n\n第二段",,林涛,,,区投促办,,新能源\n'
        "坏行,projects\n",
        encoding="utf-8",
    )
    _out, err, error = run(path, "--status", "published")
    assert error is not None and "第 5 行" in err
    article = Article.objects.get()
    assert article.body == "<p>第一段</p><p>第二段</p>" and article.author == "林涛"
    assert timezone.localdate(article.publish_at).isoformat() == "2024-05-01" and article in Article.objects.published()
    run(path, "--status", "published")
    assert Article.objects.count() == 1


def test_plain_text_file_with_byline_and_conversion(tmp_path, columns):
    path = tmp_path / "report.txt"
    path.write_text(
        "\n臺灣投資促進團來訪\n本报讯（记者 张三 通讯员 李四）代表團參觀了園區。（來源：區投促辦）\n（下转第 4 版）\n",
        encoding="utf-8",
    )
    _out, err, error = run(path, "--column", "regional", "--to-simplified")
    assert error is None, err
    article = Article.objects.get()
    assert article.title == "台湾投资促进团来访"
    assert article.author == "张三" and article.correspondent == "李四" and article.source_name == "区投促办"
    assert "代表团参观了园区。" in article.body and "下转" not in article.body


def test_dry_run_writes_nothing(tmp_path, columns):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"title": "试运行", "column": "projects", "body": "正文"}, ensure_ascii=False))
    out, _err, error = run(path, "--dry-run")
    assert error is None and "1 条新建" in out and Article.objects.count() == 0


def test_unknown_default_column_and_missing_file(tmp_path, columns):
    _out, _err, error = run(tmp_path / "none.jsonl", "--column", "不存在")
    assert error is not None and "不存在" in str(error)
    _out, err, error = run(tmp_path / "none.jsonl")
    assert error is not None and "找不到文件" in err


def test_a_reimport_that_changes_a_live_article_waits_for_review(tmp_path, columns):
    """An import is a path into live content too: its update of a published article becomes a pending change; an
    update of a draft is saved and recorded."""
    from cms.workflow.models import PendingChange, Transition
    from cms.workflow.states import Action

    path = tmp_path / "news.jsonl"

    def export(body):
        record = {"title": "氢能项目签约", "column": "projects", "original_date": "2024-05-01", "body": body}
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")

    export("<p>补贴每家一百万元。</p>")
    run(path, "--status", "published")
    export("<p>补贴每家一千万元。</p>")
    run(path, "--status", "published")
    article = Article.objects.get()
    assert "一百万元" in article.body and "一千万元" in PendingChange.objects.get().data["body"]
    assert Transition.objects.filter(action=Action.SUBMIT_CHANGE, object_id=article.pk).count() == 1

    Article.objects.filter(pk=article.pk).update(status="draft")
    PendingChange.objects.all().delete()
    export("<p>补贴每家两百万元。</p>")
    run(path, "--status", "published")
    article.refresh_from_db()
    assert "两百万元" in article.body and not PendingChange.objects.exists()
    assert Transition.objects.filter(action=Action.EDIT, object_id=article.pk).count() == 1
