"""Tag input for Chinese editors: tags may be separated by ， 、 , ; ； or new lines (taggit splits on commas only).

Wired in through ``TAGGIT_TAGS_FROM_STRING`` / ``TAGGIT_STRING_FROM_TAGS``.
"""

import re

SEPARATORS = re.compile(r"[，、,;；\n\r]+")
MAX_TAG_LENGTH = 50


def parse_tags(text: str) -> list[str]:
    """Split ``text`` into unique, trimmed tags, keeping their first-seen order."""
    tags: list[str] = []
    for piece in SEPARATORS.split(text or ""):
        tag = " ".join(piece.replace('"', "").split())[:MAX_TAG_LENGTH]
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def join_tags(tags) -> str:
    return "，".join(sorted(tag.name for tag in tags))
