"""Comfortable editing in the admin: the rich-text editor, tag suggestions and a live character count."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from taggit.managers import TaggableManager

from cms.text.richtext import EDITOR_CONFIG, RichTextField


class RichEditingAdminMixin:
    formfield_overrides = {RichTextField: {"form_class": ProseEditorFormField, "config": EDITOR_CONFIG}}

    class Media:
        js = ["cms/js/admin-editing.js"]
        css = {"all": ["cms/css/admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, TaggableManager):
            formfield.widget.attrs["data-suggest-url"] = reverse_lazy("admin:tag_suggestions")
        elif isinstance(db_field, RichTextField):
            formfield.widget.attrs.update(
                {
                    "data-character-count": "1",
                    "data-count-label": _("Characters (without spaces): "),
                    "data-upload-url": reverse_lazy("editor-image-upload"),
                    "data-upload-label": _("Upload an image"),
                    "data-uploaded-label": _("Uploaded and inserted at the cursor: "),
                    "data-alt-prompt": _("Describe the picture for visitors who cannot see it (alt text):"),
                }
            )
        return formfield
