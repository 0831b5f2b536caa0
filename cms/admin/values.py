"""What an editor reads for a stored value, and two states of one item compared field by field.

A *state* is a dict ``{field name: value}`` of one item: a saved version (``reversion``'s ``version.field_dict``,
see ``cms.admin.revisions.version_state``), the item as it is now (``instance_state``) or a pending change's
``data``. Values may come in either of two forms, and both read the same:

- Python values, as a model instance or ``version.field_dict`` holds them: ``datetime``, ``date``, ``bool``, a
  foreign key's id (the key may be the attname, ``column_id``), model instances, ``FieldFile``, lists of ids for
  many-to-many fields, tag names or ``Tag`` objects for tags;
- JSON values, as ``field.value_to_string`` writes them: ``"2026-12-10T01:00:00+00:00"``, ``"True"``, ``"3"``, and
  lists (of ids, names or dicts of field values) for many-to-many fields, tags and child rows such as attachments.

``display_value(field, value)`` gives the text; ``compare(model, old, new)`` gives the rows of a side-by-side view.
"""

import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from taggit.managers import TaggableManager

from cms.text.plain import html_to_text
from cms.text.richtext import RichTextField
from cms.text.tags import parse_tags

EMPTY = "—"
SEPARATOR = "、"
#: When and by whom a row was saved: bookkeeping, not content, so never compared.
AUDIT_FIELDS = frozenset({"created_at", "updated_at", "created_by", "updated_by"})


def inline_diff(old: str, new: str) -> SafeString:
    """Character-level diff (Chinese has no spaces between words) as escaped HTML with <del>/<ins>."""
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    parts = []
    for op, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if op == "equal":
            parts.append(("{}", old[a_start:a_end]))
            continue
        if a_end > a_start:
            parts.append(("<del>{}</del>", old[a_start:a_end]))
        if b_end > b_start:
            parts.append(("<ins>{}</ins>", new[b_start:b_end]))
    return format_html_join("", "{}", ((format_html(template, text),) for template, text in parts))


def display_value(field, value) -> str:
    """The text an editor reads for ``value`` of ``field`` (a model field, or a reverse relation such as a policy's
    ``attachments``), whether ``value`` is a Python value or a JSON one (see the module docstring).

    Choices → their label (已发布, 区级); datetimes → local time ``2026-12-10 09:00``; dates ``2026-12-10``; booleans
    是/否; a foreign key → the related object's name; many-to-many, tags and child rows → names joined with “、”;
    rich text → plain text; files → the file name; nothing → “—”. A value that cannot be read is shown as stored,
    never an error.
    """
    if isinstance(field, TaggableManager):
        return _joined(sorted(set(_tag_names(field, value))))
    if field.many_to_many:
        return _joined(_names_by_id(field.related_model, _items(value)))
    if field.one_to_many:
        return _joined(_child_names(field.related_model, _items(value)))
    if _is_empty(value):
        return EMPTY
    if field.many_to_one or field.one_to_one:
        return _related_name(field, value)
    value = _python(field, value)
    if _is_empty(value):
        return EMPTY
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, FieldFile) or isinstance(field, models.FileField):
        return os.path.basename(getattr(value, "name", value) or "") or EMPTY
    if isinstance(field, RichTextField):
        return html_to_text(str(value)) or EMPTY
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


@dataclass(frozen=True)
class Row:
    """One line of a comparison: ``old`` and ``new`` are what an editor reads, ``diff`` marks the characters that
    changed (escaped HTML with <del>/<ins>). A field one state does not record reads “not recorded” on that side,
    has ``recorded`` false and does not count as changed."""

    name: str
    label: str
    old: str
    new: str
    diff: SafeString
    changed: bool
    recorded: bool = True


def comparable_fields(model) -> list[str]:
    """The fields a comparison shows by default: what editors edit (concrete fields, many-to-many, tags), in the
    model's order, without the primary key and the bookkeeping fields (``AUDIT_FIELDS``)."""
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return [
        field.name
        for field in fields
        if field.editable and not field.primary_key and not field.auto_created and field.name not in AUDIT_FIELDS
    ]


def compare(model, old: dict, new: dict, fields: list[str] | None = None) -> list[Row]:
    """Compare two states of an item of ``model`` (dicts ``{field name: value}``, Python or JSON values, see the
    module docstring) and return one ``Row`` per field, in order.

    ``fields`` are field names, including reverse relations such as ``"attachments"``; by default
    ``comparable_fields(model)`` followed by any reverse relation that either state holds. A field that neither
    state holds is left out. Use ``[row for row in rows if row.changed]`` for the changes only.
    """
    if fields is None:
        fields = comparable_fields(model) + _relations_in(model, old, new)
    rows = []
    for name in fields:
        field = model._meta.get_field(name)
        old_value, new_value = _lookup(old, field), _lookup(new, field)
        if old_value is _MISSING and new_value is _MISSING:
            continue
        old_text = _("not recorded") if old_value is _MISSING else display_value(field, old_value)
        new_text = _("not recorded") if new_value is _MISSING else display_value(field, new_value)
        recorded = old_value is not _MISSING and new_value is not _MISSING
        diff = inline_diff(old_text, new_text) if recorded else escape(new_text)  # escape() returns SafeString
        label = field.related_model._meta.verbose_name_plural if field.one_to_many else field.verbose_name
        rows.append(Row(name, str(label), old_text, new_text, diff, recorded and old_text != new_text, recorded))
    return rows


def instance_state(obj, fields: list[str] | None = None) -> dict:
    """The state of ``obj`` as it is now, in Python values (``fields`` default: ``comparable_fields``; reverse
    relations such as ``"attachments"`` are read as the list of child rows, oldest first)."""
    state = {}
    for name in fields if fields is not None else comparable_fields(type(obj)):
        field = obj._meta.get_field(name)
        if isinstance(field, TaggableManager):
            state[name] = [tag.name for tag in field.value_from_object(obj)]
        elif field.many_to_many:
            state[name] = [related.pk for related in field.value_from_object(obj)]
        elif field.one_to_many:
            state[name] = list(getattr(obj, field.get_accessor_name()).order_by("pk")) if obj.pk else []
        else:
            state[name] = getattr(obj, field.attname)
    return state


_MISSING = object()


def _lookup(state: dict, field):
    for key in (field.name, getattr(field, "attname", None)):
        if key and key in state:
            return state[key]
    return _MISSING


def _relations_in(model, *states: dict) -> list[str]:
    names = []
    for field in model._meta.get_fields():
        if field.one_to_many and field.auto_created and not field.concrete:
            name = field.name
            if any(name in state or field.get_accessor_name() in state for state in states):
                names.append(name)
    return names


def _is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str | list | tuple | set | dict):
        return not value
    return isinstance(value, FieldFile) and not value


def _python(field, value):
    if isinstance(value, FieldFile):
        return value
    try:
        return field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return value


def _joined(names: list[str]) -> str:
    return SEPARATOR.join(names) or EMPTY


def _items(value) -> list:
    if value is None:
        return []
    if hasattr(value, "all"):  # a related manager or a queryset
        return list(value.all())
    if isinstance(value, str):
        return parse_tags(value)
    if isinstance(value, list | tuple | set):
        return list(value)
    return [value]


def _deleted(pk) -> str:
    return _("(deleted, no. %(pk)s)") % {"pk": pk}


def _related_name(field, value) -> str:
    if isinstance(value, models.Model):
        return str(value)
    model = field.related_model
    try:
        key = field.target_field.to_python(value)
        related = model._base_manager.filter(**{field.target_field.attname: key}).first()
    except (ValidationError, TypeError, ValueError):
        return str(value)
    return str(related) if related is not None else _deleted(value)


def _names_by_id(model, items: list) -> list[str]:
    """Related objects by id (or as instances), in the related model's order; unknown ids are marked deleted."""
    pk_field = model._meta.pk
    keys, labels = [], []
    for item in items:
        if isinstance(item, models.Model):
            keys.append(item.pk)
            continue
        try:
            keys.append(pk_field.to_python(item))
        except (ValidationError, TypeError, ValueError):
            labels.append(str(item))  # a name rather than an id: shown as it is
    found = model._base_manager.filter(pk__in=keys) if keys else []
    names = [str(related) for related in found]
    found_keys = {related.pk for related in found}
    return names + [_deleted(key) for key in keys if key not in found_keys] + labels


def _child_names(model, items: list) -> list[str]:
    """Child rows (e.g. a policy's attachments) as instances, dicts of field values, ids or names already made."""
    names = []
    for item in items:
        if isinstance(item, models.Model):
            names.append(str(item))
        elif isinstance(item, dict):
            names.append(str(_unsaved(model, item)))
        elif isinstance(item, str) and not item.isdigit():
            names.append(item)
        else:
            names.extend(_names_by_id(model, [item]))
    return names


def _unsaved(model, values: dict) -> models.Model:
    """An unsaved ``model`` instance from a dict of field values (by name or attname, Python or JSON)."""
    kwargs = {}
    for field in model._meta.concrete_fields:
        for key in (field.name, field.attname):
            if key in values:
                value = values[key]
                if isinstance(field, models.FileField):
                    kwargs[field.attname] = getattr(value, "name", value)
                else:
                    kwargs[field.attname] = _python(field.target_field if field.is_relation else field, value)
                break
    return model(**kwargs)


def _tag_names(field, value) -> list[str]:
    tag_model = field.related_model
    names, ids = [], []
    for item in _items(value):
        if isinstance(item, tag_model):
            names.append(item.name)
        elif isinstance(item, int):
            ids.append(item)
        else:
            names.append(str(getattr(item, "name", item)))
    if ids:
        names += list(tag_model.objects.filter(pk__in=ids).values_list("name", flat=True))
    return names
