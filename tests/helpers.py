"""Small assertions shared by the test modules."""

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
