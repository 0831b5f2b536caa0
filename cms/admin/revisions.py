"""Compare a saved version (django-reversion) with the current content, field by field, in the admin."""

from difflib import SequenceMatcher

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from reversion.models import Version

from cms.admin.urls import object_view
from cms.text.plain import html_to_text
from cms.text.richtext import RichTextField


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


class RevisionCompareMixin:
    """Mix into a reversion ``VersionAdmin``: adds “compare with current” to each version in the history."""

    object_history_template = "admin/cms/object_history.html"

    def get_urls(self):
        return [
            object_view(self, "history/<int:version_id>/compare/", self.compare_view, "compare"),
            *super().get_urls(),
        ]

    def compared_fields(self):
        return [
            field
            for field in self.model._meta.concrete_fields
            if field.editable and not field.primary_key and field.name not in {"created_at", "updated_at"}
        ]

    def _as_text(self, field, value) -> str:
        if value is None:
            return ""
        if isinstance(field, RichTextField):
            return html_to_text(value)
        return str(value)

    def compare_view(self, request, object_id, version_id):
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        saved = version.field_dict
        rows = []
        for field in self.compared_fields():
            old = self._as_text(field, saved.get(field.attname, saved.get(field.name)))
            new = self._as_text(field, getattr(obj, field.attname))
            if old != new:
                rows.append({"label": field.verbose_name, "diff": inline_diff(old, new)})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions"),
            "opts": self.model._meta,
            "original": obj,
            "version": version,
            "rows": rows,
            "revision_url": request.path.removesuffix("compare/"),
        }
        return TemplateResponse(request, "admin/cms/revision_compare.html", context)
