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


def admin_form_data(response, **overrides) -> dict:
    """The POST an editor sends when saving an admin change form without touching it (the form's current values,
    inline formsets included), with ``overrides`` changing single fields."""
    from django import forms
    from taggit.forms import TagWidget

    data = {}
    bound_forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        bound_forms.extend(formset.forms)
    for form in bound_forms:
        for field in form:
            widget = getattr(field.field.widget, "widget", field.field.widget)  # unwrap RelatedFieldWidgetWrapper
            value = field.value()
            if isinstance(widget, forms.FileInput | forms.ClearableFileInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(widget, forms.SplitDateTimeWidget):
                date, time = widget.decompress(value)
                data[f"{field.html_name}_0"] = date.isoformat() if date else ""
                data[f"{field.html_name}_1"] = time.strftime("%H:%M:%S") if time else ""
            elif isinstance(widget, forms.SelectMultiple):
                data[field.html_name] = [str(getattr(item, "pk", item)) for item in value or []]
            elif isinstance(widget, TagWidget):
                data[field.html_name] = widget.format_value(value) or ""
            else:
                formatted = widget.format_value(value)
                data[field.html_name] = "" if formatted is None else formatted
    return {**data, **overrides}
