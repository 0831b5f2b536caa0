"""Importing news from old portals: JSON Lines, CSV and plain-text files.

Plain text follows newspaper habits: the first non-empty line is the title; bylines such as
``本报讯（记者 张三 通讯员 李四）`` or ``□ 记者 张三`` and source lines such as ``（来源：区投促办）`` move into the
byline fields; print furniture such as ``（下转第 4 版）`` is dropped. Re-importing the same record updates it
instead of creating a duplicate (``Article.import_key``).
"""

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.text.chinese import to_simplified as simplify
from cms.text.tags import parse_tags
from cms.workflow import changes
from cms.workflow.services import record_creation, record_transition
from cms.workflow.states import Action, Status

from .models import Article, Column

FIELDS = ["title", "column", "original_date", "body", "summary", "author", "correspondent", "unit", "source",
          "source_url", "tags"]  # fmt: skip
_NAME = r"(?!通讯员|记者)[\u4e00-\u9fff·]{2,4}"
_NAMES = rf"{_NAME}(?:[ 　、,，]{_NAME})*"
_BYLINE_BRACKETED = re.compile(
    rf"^\s*(?:本报讯|本网讯|讯)?\s*[（(]\s*(?:记者\s*(?P<author>{_NAMES}))?\s*(?:通讯员\s*(?P<correspondent>{_NAMES}))?\s*[)）]"
)
_BYLINE_BOX = re.compile(
    rf"^\s*[□■]\s*(?:记者\s*(?P<author>{_NAMES}))?\s*(?:通讯员\s*(?P<correspondent>{_NAMES}))?\s*$"
)
_SOURCE = re.compile(r"[（(]\s*来源\s*[:：]\s*(?P<source>[^）)]{1,60})\s*[)）]")
_FURNITURE = re.compile(r"[（(]\s*(?:下转|上接|转)第?\s*\d+\s*版\s*[)）]|[（(]\s*责任编辑\s*[:：][^）)]*[)）]")
_DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]


class RecordError(ValueError):
    """A record that cannot be imported; the message says why, in Chinese."""


@dataclass
class Record:
    title: str
    body: str
    column: str = ""
    original_date: date | None = None
    summary: str = ""
    author: str = ""
    correspondent: str = ""
    unit: str = ""
    source: str = ""
    source_url: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class FileReport:
    path: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def parse_date(value: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RecordError(_("Unreadable date “%(value)s” (use YYYY-MM-DD).") % {"value": value})


def clean_text_body(text: str) -> tuple[str, dict[str, str]]:
    """Strip bylines, source lines and print furniture from plain text; return (text, byline fields)."""
    found: dict[str, str] = {}
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = _FURNITURE.sub("", line)
        if source := _SOURCE.search(line):
            found.setdefault("source", source.group("source").strip())
            line = _SOURCE.sub("", line)
        byline = _BYLINE_BOX.match(line) or _BYLINE_BRACKETED.match(line)
        if byline and (byline.group("author") or byline.group("correspondent")):
            for key in ("author", "correspondent"):
                if byline.group(key):
                    found.setdefault(key, " ".join(re.split(r"[ 　、,，]+", byline.group(key).strip())))
            line = line[byline.end() :]
        lines.append(line.strip())
    return "\n".join(lines).strip(), found


def text_to_html(text: str) -> str:
    paragraphs = [block.strip() for block in re.split(r"\n\s*\n|\n", text) if block.strip()]
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def _prepare_body(raw: str) -> tuple[str, dict[str, str]]:
    if re.search(r"<(p|div|br|h[1-6])\b", raw or "", re.IGNORECASE):
        return raw, {}
    text, found = clean_text_body(raw or "")
    return text_to_html(text), found


def _identity(text: str) -> str:
    return text


def record_from_mapping(row: dict, convert=_identity) -> Record:
    """A validated Record from one input row; ``convert`` is applied to the raw text first (e.g. t2s)."""
    row = {key: convert(value).strip() if isinstance(value, str) else value for key, value in row.items()}
    body, found = _prepare_body(row.get("body") or "")
    record = Record(
        title=row.get("title") or "",
        body=body,
        column=row.get("column") or "",
        original_date=parse_date(row.get("original_date") or row.get("date") or ""),
        summary=row.get("summary") or "",
        author=row.get("author") or found.get("author", ""),
        correspondent=row.get("correspondent") or found.get("correspondent", ""),
        unit=row.get("unit") or "",
        source=row.get("source") or found.get("source", ""),
        source_url=row.get("source_url") or "",
        tags=parse_tags(row.get("tags") if isinstance(row.get("tags"), str) else "，".join(row.get("tags") or [])),
    )
    if not record.title:
        raise RecordError(_("The title is missing."))
    if not record.body:
        raise RecordError(_("The body is missing."))
    if record.source_url:
        try:
            URLValidator(schemes=["http", "https"])(record.source_url)
        except ValidationError as exc:
            raise RecordError(_("Invalid source URL “%(url)s”.") % {"url": record.source_url}) from exc
    return record


def read_records(path: Path, convert=_identity):
    """Yield (line number, Record or RecordError) for each record of the file."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    if not isinstance(data, dict):
                        raise RecordError(_("Each line must be a JSON object."))
                    yield number, record_from_mapping(data, convert)
                except json.JSONDecodeError as error:
                    yield number, RecordError(_("Malformed JSON: %(error)s") % {"error": error.msg})
                except RecordError as error:
                    yield number, error
    elif suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            unknown = set(reader.fieldnames or []) - set(FIELDS) - {"date"}
            if unknown or "title" not in (reader.fieldnames or []):
                yield 1, RecordError(_("Unexpected CSV columns: %(columns)s") % {"columns": ", ".join(sorted(unknown))})
                return
            for row in reader:
                if None in row or any(value is None for value in row.values()):
                    yield reader.line_num, RecordError(_("The row has the wrong number of columns."))
                    continue
                try:
                    yield reader.line_num, record_from_mapping(row, convert)
                except RecordError as error:
                    yield reader.line_num, error
    elif suffix == ".txt":
        text = path.read_text(encoding="utf-8-sig")
        lines = text.replace("\r\n", "\n").split("\n")
        first = next((index for index, line in enumerate(lines) if line.strip()), None)
        if first is None:
            yield 1, RecordError(_("The file is empty."))
            return
        try:
            row = {"title": lines[first].strip(), "body": "\n".join(lines[first + 1 :])}
            yield first + 1, record_from_mapping(row, convert)
        except RecordError as error:
            yield first + 1, error
    else:
        yield 0, RecordError(_("Unsupported file type %(suffix)s (use .jsonl, .csv or .txt).") % {"suffix": suffix})


def import_key(record: Record) -> str:
    basis = "|".join([re.sub(r"\s+", "", record.title), str(record.original_date or ""), record.source])
    return hashlib.sha256(basis.encode()).hexdigest()


def _column_for(record: Record, default: Column | None) -> Column:
    if not record.column:
        if default is None:
            raise RecordError(_("No column given (use --column for records without one)."))
        return default
    column = Column.objects.filter(Q(name=record.column) | Q(slug=record.column)).first()
    if column is None:
        raise RecordError(_("Unknown column “%(column)s”.") % {"column": record.column})
    return column


def import_file(
    path: Path, *, default_column: Column | None, status: str, to_simplified: bool, dry_run: bool
) -> FileReport:
    """Import one file inside its own transaction; bad records are reported and skipped."""
    report = FileReport(path=str(path))
    with transaction.atomic():
        for line, record in read_records(path, simplify if to_simplified else _identity):
            if isinstance(record, RecordError):
                report.errors.append(
                    _("%(file)s line %(line)s: %(error)s") % {"file": path.name, "line": line, "error": record}
                )
                continue
            try:
                outcome = _save(record, column=_column_for(record, default_column), status=status)
            except RecordError as error:
                report.errors.append(
                    _("%(file)s line %(line)s: %(error)s") % {"file": path.name, "line": line, "error": error}
                )
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _save(record: Record, *, column: Column, status: str) -> str:
    values = {
        "title": record.title[:200],
        "column": column,
        "body": record.body,
        "summary": record.summary[:300],
        "author": record.author[:80],
        "correspondent": record.correspondent[:80],
        "contributing_unit": record.unit[:120],
        "source_name": record.source[:120],
        "source_url": record.source_url[:500],
        "original_published_on": record.original_date,
    }
    key = import_key(record)
    article = Article.objects.filter(import_key=key).first()
    if article is None:
        article = Article(import_key=key, status=status, **values)
        if status == Status.PUBLISHED:
            day = record.original_date or timezone.localdate()
            article.publish_at = timezone.make_aware(datetime.combine(day, time(9, 0)))
        article.save()
        article.tags.set(record.tags)
        record_creation(article, by=None)
        return "created"
    changed = [name for name, value in values.items() if getattr(article, name) != value]
    if not changed and sorted(article.tags.names()) == sorted(record.tags):
        return "unchanged"
    for name in changed:
        setattr(article, name, values[name])
    note = _("Updated by an import.")
    if changes.holds_changes(article):  # live: the update waits for review like any edit of live content
        data = {**changes.snapshot(article), "tags": sorted(record.tags)}
        changes.hold(article, data, by=None, comment=note)
        return "updated"
    article.save()
    article.tags.set(record.tags)
    record_transition(article, from_status=article.status, to_status=article.status, by=None, action=Action.EDIT,
                      comment=note)  # fmt: skip
    return "updated"
