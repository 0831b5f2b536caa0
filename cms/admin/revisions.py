"""Compare saved versions (django-reversion) in the admin: any two versions, or one version with the current content,
field by field, side by side, in words an editor reads (``cms.admin.values``).

- ``<id>/history/compare/?a=<version id>&b=<version id>``: two versions, the earlier on the left;
- ``<id>/history/<version id>/compare/``: a version against the current content.
"""

import json

from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from cms.admin.revision_format import FORMAT, TAGS_KEY, tag_fields
from cms.admin.urls import object_view
from cms.admin.values import comparable_fields, compare, inline_diff, instance_state

__all__ = ["RevisionCompareMixin", "inline_diff", "version_state"]

MAX_ID = 2**63 - 1


def version_state(version: Version, relations: list[str] = ()) -> dict:
    """The item as ``version`` saved it, for ``compare()``: its fields (Python values, many-to-many as lists of ids),
    its tag names when the version recorded them (``cms.admin.revision_format``; older versions did not, and their
    tags are left out rather than read from today's item), and for each reverse relation in ``relations`` (e.g.
    ``"attachments"``, followed by reversion as an inline) the child rows saved in the same revision."""
    model = version._model
    state = dict(version.field_dict)
    tags = _recorded_tags(version) if version.format == FORMAT else {}
    for field in tag_fields(model):
        state.pop(field.name, None)  # reversion hands out the live manager here: today's tags, not the version's
        if field.name in tags:
            state[field.name] = tags[field.name]
    for name in relations:
        relation = model._meta.get_field(name)
        children = version.revision.version_set.filter(
            content_type=ContentType.objects.get_for_model(relation.related_model)
        )
        key = relation.field.attname
        rows = [child.field_dict for child in children]
        state[name] = sorted(
            (row for row in rows if str(row.get(key)) == str(version.object_id)), key=lambda row: row.get("id") or 0
        )
    return state


def _recorded_tags(version: Version) -> dict:
    try:
        data = json.loads(version.serialized_data)
        return data[0].get(TAGS_KEY, {}) if data else {}
    except (ValueError, AttributeError, IndexError, TypeError):
        return {}


class VersionPairForm(forms.Form):
    """The two versions of ``?a=…&b=…``: numbers, and not the same version."""

    a = forms.IntegerField(min_value=1, max_value=MAX_ID)
    b = forms.IntegerField(min_value=1, max_value=MAX_ID)

    error_messages = {"same": gettext_lazy("Choose two different versions to compare.")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") is not None and cleaned.get("a") == cleaned.get("b"):
            raise forms.ValidationError(self.error_messages["same"], code="same")
        return cleaned


class RevisionCompareMixin:
    """Mix into a reversion ``VersionAdmin``: the history lets the user pick two versions to compare, and each
    version can be compared with the current content."""

    object_history_template = "admin/cms/object_history.html"
    revision_compare_template = "admin/cms/revision_compare.html"

    def reversion_register(self, model, **kwargs):
        """Versions of this admin's models are saved with their tag names (``cms.admin.revision_format``)."""
        kwargs.setdefault("format", FORMAT)
        super().reversion_register(model, **kwargs)

    def get_urls(self):
        return [
            object_view(self, "history/compare/", self.compare_versions_view, "compare_versions"),
            object_view(self, "history/<int:version_id>/compare/", self.compare_view, "compare"),
            *super().get_urls(),
        ]

    # -- what is compared -------------------------------------------------------------------------------------------
    def compared_relations(self) -> list[str]:
        """The child rows edited inline (a policy's attachments), which reversion saves with each version."""
        names = []
        for inline in self.inlines:
            for field in inline.model._meta.concrete_fields:
                if field.many_to_one and field.related_model is self.model and inline.fk_name in (None, field.name):
                    names.append(field.remote_field.name)
                    break
        return names

    def compared_fields(self, request, obj) -> list[str]:
        """The fields in the order of the editing form, then any other comparable field, then inline child rows."""
        comparable = comparable_fields(self.model)
        in_form = [name for name in flatten_fieldsets(self.get_fieldsets(request, obj)) if name in comparable]
        return [*in_form, *(name for name in comparable if name not in in_form), *self.compared_relations()]

    # -- views ------------------------------------------------------------------------------------------------------
    def history_view(self, request, object_id, extra_context=None):
        """Reversion's history, each row with its version id for the “pick two versions” form."""
        response = super().history_view(request, object_id, extra_context)
        actions = (getattr(response, "context_data", None) or {}).get("action_list")
        if actions:
            ids = dict(
                Version.objects.get_for_object_reference(self.model, unquote(object_id)).values_list("revision", "pk")
            )
            for action in actions:
                action["version_id"] = ids.get(action["revision"].pk)
        return response

    def _compared_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("This item does not exist."))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _side(self, obj, version: Version | None, state: dict) -> dict:
        opts = self.model._meta
        side = {"version": version, "state": state}
        if version is not None:
            revision = version.revision
            user = revision.user
            side["date"] = revision.date_created
            side["user"] = (user.get_full_name() or user.get_username()) if user else ""
            side["comment"] = revision.get_comment()
            side["url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision", args=[obj.pk, version.pk]
            )
        return side

    def _render_compare(self, request, obj, left: dict, right: dict, status: int = 200, **extra):
        fields = self.compared_fields(request, obj)
        rows = compare(self.model, left["state"], right["state"], fields) if left and right else []
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions"),
            "opts": opts,
            "original": obj,
            "left": left,
            "right": right,
            "changed_rows": [row for row in rows if row.changed or not row.recorded],
            "unchanged_rows": [row for row in rows if not row.changed and row.recorded],
            "history_url": reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]),
            **extra,
        }
        return TemplateResponse(request, self.revision_compare_template, context, status=status)

    def compare_view(self, request, object_id, version_id):
        """A saved version (left) against the current content (right)."""
        obj = self._compared_object(request, object_id)
        version = get_object_or_404(Version.objects.get_for_object(obj).select_related("revision__user"), pk=version_id)
        relations = self.compared_relations()
        left = self._side(obj, version, version_state(version, relations))
        right = self._side(obj, None, instance_state(obj, self.compared_fields(request, obj)))
        return self._render_compare(request, obj, left, right, with_current=True)

    def compare_versions_view(self, request, object_id):
        """Two saved versions, ``?a=<version id>&b=<version id>``: the earlier on the left, the later on the right.
        Versions of another item are a 404; a missing or malformed choice says what to do (400)."""
        obj = self._compared_object(request, object_id)
        form = VersionPairForm(request.GET)
        if not form.is_valid():
            return self._render_compare(request, obj, {}, {}, form=form, status=400)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        chosen = [get_object_or_404(versions, pk=form.cleaned_data[key]) for key in ("a", "b")]
        earlier, later = sorted(chosen, key=lambda version: (version.revision.date_created, version.pk))
        relations = self.compared_relations()
        left = self._side(obj, earlier, version_state(earlier, relations))
        right = self._side(obj, later, version_state(later, relations))
        return self._render_compare(request, obj, left, right)
