"""Purge cached pages when the content they show changes: one registration per model.

``watch(Model, tags_of)`` purges, after the transaction commits, the page-cache tags ``tags_of`` gives for the row
as it was before the change and as it is after it (so moving an article between columns purges both columns).
``tags_of`` returns an empty set for content the public cannot see (drafts), so editing a draft purges nothing.
Many-to-many changes made outside a save (``article.tags.add(…)``) are watched through their through models.
"""

from collections.abc import Callable

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .pagecache import purge

TagsOf = Callable[[models.Model], set[str]]
BEFORE = "_page_cache_tags_before"


def watch(model: type[models.Model], tags_of: TagsOf, *, m2m: tuple = ()) -> None:
    def before_save(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            return
        old = sender._default_manager.filter(pk=instance.pk).first()
        setattr(instance, BEFORE, tags_of(old) if old is not None else set())

    def after_save(sender, instance, raw=False, **kwargs):
        if not raw:
            _purge_on_commit(model, instance.pk, getattr(instance, BEFORE, set()), tags_of)

    def before_delete(sender, instance, **kwargs):
        setattr(instance, BEFORE, tags_of(instance))

    def after_delete(sender, instance, **kwargs):
        tags = getattr(instance, BEFORE, set())
        transaction.on_commit(lambda: purge(tags))

    def m2m_change(sender, instance, action, **kwargs):
        if not isinstance(instance, model):
            return  # the other side's watcher handles it
        if action.startswith("pre_"):
            setattr(instance, BEFORE, tags_of(instance))
        else:
            _purge_on_commit(model, instance.pk, getattr(instance, BEFORE, set()), tags_of)

    uid = f"pagecache:{model._meta.label}"
    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=uid)
    pre_delete.connect(before_delete, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=uid)
    for through in m2m:
        m2m_changed.connect(m2m_change, sender=through, weak=False, dispatch_uid=f"{uid}:{through._meta.label}")


def _purge_on_commit(model, pk, before: set[str], tags_of: TagsOf) -> None:
    def run():
        current = model._default_manager.filter(pk=pk).first()
        purge(before | (tags_of(current) if current is not None else set()))

    transaction.on_commit(run)
