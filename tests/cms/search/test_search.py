"""Search: indexing after commit, the relevance set over the demo content, odd input, escaping, query budget."""

import io
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.search import analytics, backend
from cms.search.models import SearchDocument, SearchLog
from cms.search.snippets import highlight
from cms.workflow import services as publishing
from tests.factories import ArticleFactory, DraftArticleFactory, PageFactory, PolicyFactory
from tests.helpers import pager_links, text_of

pytestmark = pytest.mark.django_db

# query → titles that must be in the top 5, titles that must not appear at all
RELEVANCE = [
    ("人工智能", ["云湖区促进人工智能产业发展的实施办法", "云湖区在滨江科创园举办人工智能产业招商推介会"], []),
    ("租金补贴", ["滨江科创园入驻企业租金补贴细则", "租金补贴怎么申请？常见问题解答"], []),
    ("云府发〔2024〕3号", ["云湖区关于支持总部经济高质量发展的若干措施"], []),
    ("云府发[2024]3号", ["云湖区关于支持总部经济高质量发展的若干措施"], []),
    ("總部經濟", ["云湖区关于支持总部经济高质量发展的若干措施"], []),
    ("人才公寓", ["人才公寓申请指南（企业版）", "云湖区重点产业人才安居办法"], []),
    ("生物医药", ["云湖区支持生物医药产业创新发展的若干规定", "生物医药创新园新增六家研发型企业"], []),
    ("流片", ["云湖区集成电路设计企业流片补贴办法"], []),
    ("知识产权质押", ["云湖区知识产权质押融资贴息办法", "知识产权质押融资贴息政策问答"], []),
    ("氢能", [], ["氢能示范应用项目签约"]),  # a draft
    ("工作报告", [], ["云湖区年度招商工作报告摘要（2019年）"]),  # scheduled for tomorrow
    ("数据中心", ["数据中心二期项目完成主体结构封顶"], []),
    ("香港", ["云湖区在香港举办投资环境说明会"], []),
    ("外资", ["政务服务中心开设外资企业服务专窗", "云海市进一步促进外商投资的若干措施"], []),
    ("技术改造", ["云湖区先进制造业技术改造专项资金管理办法"], []),
    ("大学生创业", ["云湖区大学生创业扶持办法"], []),
    ("楼宇", ["滨江街道举办楼宇招商对接会", "云湖区楼宇经济发展扶持办法"], []),
    ("文化创意", ["云湖区文化创意产业园入驻率达到九成", "云湖区文化创意产业扶持资金实施细则"], []),
    ("拿地即开工", ["工程建设项目审批推行“拿地即开工”"], []),
    ("个人信息", ["个人信息保护声明"], []),
    ("储能电池", ["新能源储能电池项目签约落户云湖"], []),
    ("金融科技", ["云湖区金融科技企业达到一百二十家"], []),
    ("人才 安居", ["云湖区重点产业人才安居办法"], []),
]


def test_relevance_set_over_the_demo_content(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    call_command("rebuild_search_index", stdout=io.StringIO())
    failures = []
    for query, expected, excluded in RELEVANCE:
        titles = [document.title for document in backend.search(query, limit=5).documents]
        every = [document.title for document in backend.search(query, limit=100).documents]
        missing = [title for title in expected if title not in titles]
        present = [title for title in excluded if title in every]
        if missing or present:
            failures.append((query, missing, present, titles))
    assert failures == []
    assert backend.search("区").total > 0  # one-character queries work
    policy_only = backend.search("人工智能", kind="policy").documents
    assert policy_only and all(document.kind == "policy" for document in policy_only)


def test_publish_and_unpublish_update_the_index_after_commit(reviewer, django_capture_on_commit_callbacks):
    article = DraftArticleFactory(title="储能电站签约仪式")
    assert backend.search("储能电站").total == 0
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publishing.publish(article, by=reviewer)
    assert backend.search("储能电站").total == 0  # nothing before the commit
    for callback in callbacks:
        callback()
    assert backend.search("储能电站").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(article, by=reviewer, reason="信息有误")
    assert backend.search("储能电站").total == 0


def test_editing_and_deleting_reindex(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="智慧农业试验田开放")
    assert backend.search("智慧农业").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "种业创新中心揭牌"
        article.save()
    assert backend.search("智慧农业").total == 0 and backend.search("种业创新").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert SearchDocument.objects.count() == 0


def test_scheduled_items_appear_at_their_time(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="明日开幕的博览会", publish_at=timezone.now() + timedelta(hours=2))
    assert backend.search("博览会").total == 0
    assert backend.search("博览会", now=timezone.now() + timedelta(hours=3)).total == 1


def test_document_number_match_ranks_first(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PolicyFactory(title="引用了云府发〔2024〕3号的解读", document_number="云府发〔2025〕9号")
        target = PolicyFactory(title="总部经济措施", document_number="云府发（２０２４）３号")
    assert backend.search("云府发[2024]3号").documents[0].object_id == target.pk


@pytest.mark.parametrize(
    "query",
    ["%", "_", "'", '"', "\\", "' OR 1=1 --", "<script>alert(1)</script>", "&amp;", "人工智能" * 50, "\x00", "　"],
)
def test_any_input_returns_a_page(client, query):
    response = client.get("/search/", {"q": query, "type": "bogus", "page": "1"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_results_page_highlights_and_escapes(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="<b>粗体</b>人工智能大会", body="<p>会议讨论了人工智能与&lt;i&gt;算力&lt;/i&gt;。</p>")
    response = client.get("/search/", {"q": "人工智能"})
    html = response.content.decode()
    assert "<mark>人工智能</mark>" in html
    assert "&lt;b&gt;粗体&lt;/b&gt;" in html and "<b>粗体</b>" not in html
    assert html.count("<h1") == 1
    analytics.flush()  # counts are written in batches
    assert SearchLog.objects.get().query == "人工智能"


def test_highlight_escapes_every_piece():
    html = highlight("<x>人工智能</x>", ["人工", "智能"])
    assert html == "&lt;x&gt;<mark>人工智能</mark>&lt;/x&gt;"


def test_empty_query_and_no_results_pages(client, demo_site):
    response = client.get("/search/")
    assert response.status_code == 200 and "人工智能" in text_of(response)  # suggested searches
    response = client.get("/search/", {"q": "不存在的词语组合"})
    assert "没有找到" in text_of(response) and "/policies/" in response.content.decode()
    assert client.get("/search/", {"q": "人工智能", "page": "abc"}).status_code == 404


def test_search_page_query_budget(client, django_capture_on_commit_callbacks, django_assert_max_num_queries):
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(25):
            ArticleFactory(title=f"人工智能动态{index}")
            PolicyFactory(title=f"人工智能政策{index}")
    client.get("/")
    with django_assert_max_num_queries(5):
        assert client.get("/search/", {"q": "人工智能"}).status_code == 200


def test_search_report_in_the_admin(client, editor):
    SearchLog.objects.create(query="租金补贴", searched_on=timezone.localdate(), count=2, results=3)
    SearchLog.objects.create(query="不存在", searched_on=timezone.localdate(), count=1, results=0)
    client.force_login(editor)
    text = text_of(client.get("/admin/cms/searchlog/"))
    assert "租金补贴" in text and "不存在" in text


@pytest.mark.parametrize("variant", ["雲府發〔2024〕3号", "云府发[2024]3号", "云府发（2024）3号", "云府发〔2024〕3号"])
def test_search_finds_a_policy_by_each_document_number_variant(client, variant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        target = PolicyFactory(title="总部经济若干措施", document_number="云府发〔2024〕3号")
        PolicyFactory(title="另一项措施", document_number="云府发〔2024〕13号")
    response = client.get("/search/", {"q": variant})
    assert [item["document"].object_id for item in response.context["items"]] == [target.pk]


def test_page_two_keeps_the_query_and_the_type(client, django_capture_on_commit_callbacks):
    """The pager's links change only ``page``: page 2 of 人工智能 is still a search for 人工智能 among policies."""
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(25):
            PolicyFactory(title=f"人工智能政策{index}")
        ArticleFactory(title="人工智能动态")
    first = client.get("/search/", {"q": "人工智能", "type": "policy"})
    next_url = pager_links(first)["下一页"]
    assert parse_qs(urlsplit(next_url).query) == {"q": ["人工智能"], "type": ["policy"], "page": ["2"]}
    second = client.get(f"/search/{next_url}")
    assert second.status_code == 200
    assert second.context["query"] == "人工智能" and second.context["kind"] == "policy"
    items = second.context["items"]
    assert len(items) == 5 and all(item["document"].kind == "policy" for item in items)
    assert "人工智能" in second.content.decode().split("<h1", 1)[1].split("</h1>", 1)[0]
    previous = pager_links(second)["上一页"]
    assert parse_qs(urlsplit(previous).query) == {"q": ["人工智能"], "type": ["policy"], "page": ["1"]}
    assert 'aria-current="page">2<' in second.content.decode()


def test_scheduled_content_is_indexed_and_found_from_its_publish_time(django_capture_on_commit_callbacks):
    """News, policies and pages share one rule for the index (``published_or_scheduled``): a scheduled item is found
    once its time has come, without anybody saving it again."""
    later = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="滨江储能示范项目", publish_at=later)
        PolicyFactory(title="储能示范项目补贴细则", publish_at=later)
        PageFactory(title="储能示范项目申报指南", slug="storage-guide", publish_at=later)
    assert backend.search("储能示范").total == 0
    found = backend.search("储能示范", now=later + timedelta(minutes=1))
    assert sorted(document.kind for document in found.documents) == ["news", "page", "policy"]
