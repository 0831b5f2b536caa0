"""Text-integrity checks: warnings for editors (never hard errors) about problems old portals suffer from.

- traditional characters inside simplified text;
- conversion artefacts such as 區(qū) (a character followed by its pinyin);
- mojibake (UTF-8 read as GBK or Latin-1, 锟斤拷, replacement characters, runs of ? inside Chinese);
- half-width punctuation inside Chinese sentences;
- a likely duplicate of an existing item (same or near-same title or body).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.text.chinese import to_simplified
from cms.text.plain import html_to_text

HAN = "\u4e00-\u9fff"
_PINYIN_ARTEFACT = re.compile(rf"[{HAN}][（(]\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,6}}\s*[)）]", re.IGNORECASE)
_MOJIBAKE = re.compile(r"锟斤拷|烫烫烫|屯屯屯|\ufffd|ï¿½|[ÃÂâåæçèéä][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡-¿]+")
_LOST_CHARACTERS = re.compile(rf"[{HAN}]\?{{2,}}|\?{{2,}}[{HAN}]")
_HALF_WIDTH_PUNCTUATION = re.compile(rf"[{HAN}][,;:?!]|[,;:?!][{HAN}]|[{HAN}]\(|\)[{HAN}]")
_TITLE_NOISE = re.compile(rf"【[^】]*】|\[[^\]]*\]|[^{HAN}0-9a-z]", re.IGNORECASE)
MAX_EXAMPLES = 3


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    excerpt: str = ""


def _examples(matches: list[str]) -> str:
    unique = list(dict.fromkeys(matches))[:MAX_EXAMPLES]
    return "、".join(f"“{item}”" for item in unique)


def traditional_characters(text: str) -> list[str]:
    """Characters that simplified conversion changes, i.e. traditional-only characters."""
    converted = to_simplified(text)
    if len(converted) != len(text):  # a phrase conversion changed the length; compare character by character
        return [char for char in dict.fromkeys(text) if to_simplified(char) != char]
    return [original for original, simple in zip(text, converted, strict=True) if original != simple]


def check_text(*, title: str, body_html: str) -> list[Finding]:
    text = f"{title}\n{html_to_text(body_html)}"
    findings = []
    han_count = len(re.findall(f"[{HAN}]", text))
    traditional = traditional_characters(text)
    if traditional and len(traditional) < han_count / 2:
        findings.append(
            Finding(
                "mixed_script",
                _("Traditional characters in simplified text: %(count)d (e.g. %(examples)s)")
                % {"count": len(traditional), "examples": _examples(traditional)},
                traditional[0],
            )
        )
    for code, pattern, message in [
        ("pinyin_artefact", _PINYIN_ARTEFACT, _("Conversion artefacts with pinyin: %(count)d (e.g. %(examples)s)")),
        ("mojibake", _MOJIBAKE, _("Garbled characters (mojibake): %(count)d (e.g. %(examples)s)")),
        (
            "lost_characters",
            _LOST_CHARACTERS,
            _("Characters replaced by question marks: %(count)d (e.g. %(examples)s)"),
        ),
        (
            "half_width_punctuation",
            _HALF_WIDTH_PUNCTUATION,
            _("Half-width punctuation in Chinese sentences: %(count)d (e.g. %(examples)s)"),
        ),
    ]:
        matches = pattern.findall(text)
        if matches:
            findings.append(
                Finding(code, message % {"count": len(matches), "examples": _examples(matches)}, matches[0][:30])
            )
    return findings


def normalized_title(title: str) -> str:
    """Title without column prefixes like 【2022年徐汇区招商】, spaces and punctuation."""
    return _TITLE_NOISE.sub("", to_simplified(title or "")).lower()


def _normalized_body(text: str) -> str:
    return re.sub(rf"[^{HAN}0-9a-z]", "", to_simplified(text or "").lower())[:2000]


def find_likely_duplicates(
    *, title: str, body_html: str, candidates: Iterable[tuple[int, str, str]], threshold: float = 0.9
) -> list[int]:
    """The pks of candidates (pk, title, body) whose normalised title is equal or whose body is ≥ threshold alike."""
    wanted_title = normalized_title(title)
    wanted_body = _normalized_body(html_to_text(body_html))
    duplicates = []
    for pk, candidate_title, candidate_body in candidates:
        if wanted_title and normalized_title(candidate_title) == wanted_title:
            duplicates.append(pk)
            continue
        other = _normalized_body(html_to_text(candidate_body))
        if len(wanted_body) < 50 or not other:
            continue
        matcher = SequenceMatcher(None, wanted_body, other, autojunk=False)
        if (
            matcher.real_quick_ratio() >= threshold
            and matcher.quick_ratio() >= threshold
            and matcher.ratio() >= threshold
        ):
            duplicates.append(pk)
    return duplicates


def duplicate_findings(*, title: str, body_html: str, queryset, exclude_pk=None, limit: int = 300) -> list[Finding]:
    """Compare with the newest ``limit`` items of the last two years (plus any with a similar title)."""
    recent = queryset.filter(created_at__gte=timezone.now() - timedelta(days=730))
    if exclude_pk:
        recent = recent.exclude(pk=exclude_pk)
    candidates = list(recent.order_by("-created_at").values_list("pk", "title", "body")[:limit])
    duplicates = find_likely_duplicates(title=title, body_html=body_html, candidates=candidates)
    if not duplicates:
        return []
    titles = {pk: candidate_title for pk, candidate_title, _body in candidates}
    names = "、".join(f"“{titles[pk]}”（#{pk}）" for pk in duplicates[:MAX_EXAMPLES])
    return [
        Finding("duplicate", _("This may repeat an existing item: %(items)s") % {"items": names}, str(duplicates[0]))
    ]
