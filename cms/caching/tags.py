"""The page-cache tags of every content type, in one import-free module (see cms/caching/pages.py).

A cached page depends on the tags of the content it shows; changing that content purges them. Views name the
tags of what they show; ``Watch`` registrations (``cms_hooks.py`` of each app) name the tags of what a change
touches. Both build them here, so the two sides always agree and no app imports another's caching module.

Site: ``site`` (every page: header, footer, site settings), ``pages`` (the sitemap's list of static pages),
``page:<slug>`` (one static page).
News: ``news`` (every all-news list: /news/, home, feeds, sitemap, search), ``columns`` (the column menu and column
names), ``column:<slug>`` (a column's list), ``tag:<slug>`` (a tag's list, and details showing the tag),
``article:<pk>`` (the article's page, and policy pages listing it as an interpretation).
Policies: ``policies`` (the library, home, feeds, sitemap, search), ``policy-terms`` (issuing authorities,
industries, support types and topics: facet and label names), ``policy:<pk>`` (its page, pages of the policies it
replaces and of the articles interpreting it), ``industry:<slug>`` (the related-policy lists of that industry).
"""

SITE = "site"
PAGES = "pages"
NEWS = "news"
COLUMNS = "columns"
POLICIES = "policies"
TERMS = "policy-terms"
#: Not a page tag: the cached time of the next scheduled pending change (cms/workflow/middleware.py).
PENDING_CHANGES = "pending-changes"


def _one_item(kind: str):
    """The tag builder of one item of ``kind``: ``column_tag("projects")`` → ``"column:projects"``."""

    def tag(key: int | str) -> str:
        return f"{kind}:{key}"

    tag.__name__ = tag.__qualname__ = f"{kind}_tag"
    return tag


page_tag = _one_item("page")
column_tag = _one_item("column")
tag_tag = _one_item("tag")
article_tag = _one_item("article")
policy_tag = _one_item("policy")
industry_tag = _one_item("industry")
