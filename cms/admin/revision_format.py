"""The format saved versions are written in: Django's JSON, plus the item's tag names.

Django's serialisers skip taggit's ``TaggableManager`` (it is not serialisable), so a version saved as plain JSON
does not know its tags, and ``version.field_dict["tags"]`` is the live manager: today's tags. This format adds the
names under a top-level key, ``"tags": {field name: [names]}``, next to ``"fields"``. Django's JSON deserialiser
ignores that key, so reading and reverting a version work exactly as with ``"json"`` (reverting does not touch the
tags); ``cms.admin.revisions.version_state`` reads the names back for comparisons.

Registered as ``SERIALIZATION_MODULES["json_tags"]`` (settings) and used by ``RevisionCompareMixin`` when it
registers a model with django-reversion. Versions saved before keep their ``"json"`` format and read as before.
"""

from django.core.serializers.json import Deserializer  # noqa: F401 - a serialisation module provides both
from django.core.serializers.json import Serializer as JSONSerializer
from taggit.managers import TaggableManager

FORMAT = "json_tags"
TAGS_KEY = "tags"


class Serializer(JSONSerializer):
    def get_dump_object(self, obj):
        data = super().get_dump_object(obj)
        tags = {
            field.name: sorted(tag.name for tag in field.value_from_object(obj))
            for field in tag_fields(type(obj))
            if self.selected_fields is None or field.name in self.selected_fields
        }
        if tags:
            data[TAGS_KEY] = tags
        return data


def tag_fields(model) -> list[TaggableManager]:
    return [field for field in model._meta.get_fields() if isinstance(field, TaggableManager)]
