"""List pages that load only what they must render (a "Russian doll" cache, see cms/templatetags/fragments.py).

A list item's rendering is cached under its *fragment version*: the values of the fields it shows that change
whenever it does (``Model.FRAGMENT_VERSION_FIELDS``). ``VersionedList`` wraps a list page's queryset and reads only
those fields, without building model instances; ``{% render_each %}`` then loads the full objects for just the
items whose rendering is not in the cache yet. A page-cache miss on a list with warm fragments costs one narrow
query instead of loading and rendering every item.
"""

from collections.abc import Iterator

from django.db.models import QuerySet

from cms.caching.lru import LRU


def fragment_version(instance) -> tuple:
    """The fragment version of a loaded instance; the same tuple ``VersionedList`` reads from the database."""
    values = []
    for path in type(instance).FRAGMENT_VERSION_FIELDS:
        value = instance
        for name in path.split("__"):
            value = getattr(value, name)
        values.append(value)
    return tuple(values)


class LoadedItems:
    """Model instances already loaded, with the interface of ``VersionedList``."""

    def __init__(self, items):
        self.items = list(items)

    def versions(self) -> list[tuple]:
        return [fragment_version(item) for item in self.items]

    def load(self, versions: list[tuple]) -> list:
        wanted = {version[0] for version in versions}
        return [item for item in self.items if item.pk in wanted]


class VersionedList:
    """A sliceable, countable sequence over ``queryset`` whose items are fragment versions (tuples), not objects."""

    def __init__(self, queryset: QuerySet, *, unsliced: QuerySet | None = None):
        self.queryset = queryset
        self.unsliced = queryset if unsliced is None else unsliced
        self._versions: list[tuple] | None = None

    @property
    def ordered(self) -> bool:
        return self.queryset.ordered

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return VersionedList(self.queryset[index], unsliced=self.unsliced)
        return self.versions()[index]

    def versions(self) -> list[tuple]:
        if self._versions is None:
            fields = self.queryset.model.FRAGMENT_VERSION_FIELDS
            self._versions = list(self.queryset.values_list(*fields))
        return self._versions

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.versions())

    def __len__(self) -> int:
        return len(self.versions())

    def __bool__(self) -> bool:
        return bool(self.versions())

    def load(self, versions: list[tuple]) -> list:
        """The model instances for ``versions`` (each starts with the primary key), in the same order; one query
        with the list's own select_related and deferrals."""
        if not versions:
            return []
        pks = [version[0] for version in versions]
        found = self.unsliced.filter(pk__in=pks).order_by().in_bulk()
        return [found[pk] for pk in pks if pk in found]


#: The renderings this process used last. Keys name the content they were made from, so a copy never goes stale
#: (a change makes a new key); the least recently used are dropped.
local_fragments = LRU(size=2048)
