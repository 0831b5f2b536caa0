"""Small assertions shared by the test modules."""

import html
import re
from html.parser import HTMLParser


class _TagCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.counts: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1


def count_tags(html: str, tag: str) -> int:
    parser = _TagCounter()
    parser.feed(html)
    return parser.counts.get(tag, 0)


def text_of(response) -> str:
    """The response body as text, with tags removed and whitespace collapsed."""
    body = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def sitemap_text(client) -> str:
    """Every sitemap file the index at /sitemap.xml points to, read one after the other."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "<sitemapindex" in index.content.decode()
    files = re.findall(r"<loc>https?://[^/<]+(/[^<]+)</loc>", index.content.decode())
    bodies = []
    for path in files:
        response = client.get(path.replace("&amp;", "&"))
        assert response.status_code == 200, path
        bodies.append(response.content.decode())
    return "\n".join(bodies)


def article_form(column, **overrides) -> dict:
    """A complete POST for the admin's article form (a plain draft); ``overrides`` change single fields."""
    data = {
        "title": "云湖区举办生物医药招商推介会", "column": column.pk, "tags": "", "summary": "",
        "body": "<p>推介会吸引了三十家企业。</p>", "cover_alt": "", "author": "", "correspondent": "",
        "contributing_unit": "", "source_name": "", "source_url": "", "original_published_on": "",
        "publish_at_0": "", "publish_at_1": "", "seo_description": "",
    }  # fmt: skip
    return {**data, **overrides}


def pager_links(response) -> dict[str, str]:
    """The pager's links (``templates/includes/pagination.html``): link text → href, HTML entities decoded."""
    body = response.content.decode()
    nav = re.search(r'<nav class="pagination"[^>]*>(.*?)</nav>', body, re.S)
    assert nav, "no pager on this page"
    links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]+)</a>', nav[1])
    return {text.strip(): html.unescape(href) for href, text in links}
