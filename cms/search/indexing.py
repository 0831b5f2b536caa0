"""Keeping the index current: after a commit that publishes, changes, unpublishes or deletes content."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from cms.search import backend
from cms.search.documents import DocumentSource, source_for, sources
from cms.workflow.states import transitioned


def reindex(obj) -> bool:
    """Put ``obj`` in the index if it belongs there, take it out otherwise. Returns whether it is indexed."""
    source = source_for(type(obj))
    current = source.indexable().filter(pk=obj.pk).first()
    if current is None:
        backend.remove(type(obj), obj.pk)
        return False
    backend.index_entry(current, source.entry(current))
    return True


def _after_commit(obj) -> None:
    transaction.on_commit(lambda: reindex(obj))


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        _after_commit(instance)


def _on_delete(sender, instance, **kwargs):
    model, pk = type(instance), instance.pk  # the instance loses its pk once deleted
    transaction.on_commit(lambda: backend.remove(model, pk))


def _on_transition(sender, instance, **kwargs):
    reindex(instance)  # transitions are announced after commit


def connect_all() -> None:
    """Keep every registered source's model indexed (called once the apps are ready)."""
    for source in sources().values():
        connect(source)


def connect(source: DocumentSource) -> None:
    """Index ``source.model``: saves and deletions reindex after commit, and so do workflow transitions."""
    label = source.model._meta.label
    post_save.connect(_on_save, sender=source.model, dispatch_uid=f"search-save-{label}")
    post_delete.connect(_on_delete, sender=source.model, dispatch_uid=f"search-delete-{label}")
    transitioned.connect(_on_transition, sender=source.model, dispatch_uid=f"search-transition-{label}")


def rebuild(*, batch_size: int = 500, start_after: dict | None = None, stdout=None):
    """Reindex everything, model by model in pk order; yields (label, indexed, removed, last pk) per batch."""
    from django.contrib.contenttypes.models import ContentType

    from cms.search.models import SearchDocument

    for model, source in sources().items():
        label = model._meta.label
        last_pk = (start_after or {}).get(label, 0)
        items = source.indexable()
        wanted = set(items.values_list("pk", flat=True))
        stale = SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(model)).exclude(
            object_id__in=wanted
        )
        removed, _detail = stale.delete()
        while True:
            batch = list(items.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not batch:
                break
            with transaction.atomic():
                for obj in batch:
                    backend.index_entry(obj, source.entry(obj))
            last_pk = batch[-1].pk
            yield label, len(batch), removed, last_pk
            removed = 0
        if removed:
            yield label, 0, removed, last_pk
