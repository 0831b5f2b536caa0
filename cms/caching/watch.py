"""Purge cached pages when the content they show changes: one ``Watch`` per model, registered as a hook.

``Watch(Model, tags_of, public=…)`` (under ``hooks.PAGE_CACHE_WATCHERS``) purges, after the transaction commits, the
page-cache tags ``tags_of`` gives for the row as it was before the change and as it is after it (so moving an
article between columns purges both columns), counting only the states in which ``public(row)`` is true: editing a
draft purges nothing. Many-to-many changes made outside a save (``article.tags.add(…)``) are watched through their
through models, and workflow moves (``cms.workflow.states.transitioned``, which update the status without a save)
purge the item's pages when they publish or unpublish it.

Raw saves (``loaddata``, a fixture restore) carry no reliable "before" state: they purge everything once the
transaction commits (``purge_all``), as does ``manage.py restore`` (cms/ops/backup.py). Code that writes without
signals (``bulk_create``, ``QuerySet.update()``) does it inside a save that is watched, or ends in ``purge_all``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from cms import hooks
from cms.caching.pages import purge, purge_all
from cms.workflow.states import Status, transitioned

TagsOf = Callable[[models.Model], set[str]]
BEFORE = "_page_cache_tags_before"


def always(_instance) -> bool:
    return True


def published_or_scheduled(item) -> bool:
    """Published items count whether already live or scheduled: scheduling one purges the pages it will join, so
    their new cache entries end at its publish time."""
    return item.status == Status.PUBLISHED


@dataclass(frozen=True)
class Watch:
    model: type[models.Model]
    tags_of: TagsOf
    public: Callable[[models.Model], bool] = always
    m2m: tuple = ()


def connect_all() -> None:
    """Connect every registered ``Watch`` (called once the apps are ready)."""
    for watcher in hooks.get(hooks.PAGE_CACHE_WATCHERS):
        connect(watcher)


def connect(watcher: Watch) -> None:
    model, tags_of, public = watcher.model, watcher.tags_of, watcher.public

    def shown(instance) -> set[str]:
        return tags_of(instance) if instance is not None and public(instance) else set()

    def before_save(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            return
        setattr(instance, BEFORE, shown(sender._default_manager.filter(pk=instance.pk).first()))

    def after_save(sender, instance, raw=False, **kwargs):
        if raw:
            purge_all_on_commit()
        else:
            _purge_on_commit(model, instance.pk, getattr(instance, BEFORE, set()), shown)

    def before_delete(sender, instance, **kwargs):
        setattr(instance, BEFORE, shown(instance))

    def after_delete(sender, instance, **kwargs):
        tags = getattr(instance, BEFORE, set())
        transaction.on_commit(lambda: purge(tags))

    def m2m_change(sender, instance, action, **kwargs):
        if not isinstance(instance, model):
            return  # the other side's watcher handles it
        if action.startswith("pre_"):
            setattr(instance, BEFORE, shown(instance))
        else:
            _purge_on_commit(model, instance.pk, getattr(instance, BEFORE, set()), shown)

    def after_transition(sender, instance, transition, **kwargs):
        # Sent after commit. State moves only: a pending change's steps leave the live row alone, and publishing one
        # saves the row (purged like any save).
        if not transition.action and Status.PUBLISHED in (transition.from_status, transition.to_status):
            current = model._default_manager.filter(pk=instance.pk).first()
            if current is not None:
                purge(tags_of(current))

    uid = f"pagecache:{model._meta.label}"
    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=uid)
    pre_delete.connect(before_delete, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=uid)
    transitioned.connect(after_transition, sender=model, weak=False, dispatch_uid=uid)
    for through in watcher.m2m:
        m2m_changed.connect(m2m_change, sender=through, weak=False, dispatch_uid=f"{uid}:{through._meta.label}")


def purge_all_on_commit() -> None:
    """``purge_all`` once after the current transaction, however many raw rows it saves."""
    connection = transaction.get_connection()
    if any(callback is purge_all for _savepoints, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(purge_all)


def _purge_on_commit(model, pk, before: set[str], shown: TagsOf) -> None:
    def run():
        purge(before | shown(model._default_manager.filter(pk=pk).first()))

    transaction.on_commit(run)
