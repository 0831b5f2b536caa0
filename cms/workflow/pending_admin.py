"""The admin side of pending changes (cms/workflow/changes.py), for every publishable model.

- Saving a live item without publish permission stores the edit as its pending change; the row, and so the public
  site, stays as it was. A publisher's save goes live at once and is recorded.
- Restoring a revision (django-reversion) makes it the pending change of a live item, or updates the draft of an item
  that is not live; it never changes the item's state. Recovering a deleted item brings it back as an offline draft.
- The review screen (``<id>/pending/``) shows the change against the live version and publishes, schedules or sends
  it back. The list shows "已发布·有待审修改" and filters on it.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.admin.urls import object_view
from cms.workflow import changes
from cms.workflow.models import PendingChange
from cms.workflow.services import record_transition
from cms.workflow.states import Action, ChangeStatus, Status, WorkflowError

HELD_MESSAGE = gettext_lazy(
    "This item is published: your changes were saved as a pending change and take effect once a reviewer approves them."
)


class PendingChangeFilter(admin.SimpleListFilter):
    title = gettext_lazy("pending change")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", _("Has a pending change")), ("no", _("No pending change"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_pending_change=True)
        if self.value() == "no":
            return queryset.filter(has_pending_change=False)
        return queryset


class ReviewForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publish the change at"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("Leave empty to publish it now."),
    )  # fmt: skip
    reason = forms.CharField(
        label=gettext_lazy("Reason (when sending it back)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PendingChangesAdminMixin:
    """Part of ``WorkflowAdminMixin``: holds edits of live items for review."""

    pending_review_template = "admin/cms/pending_change.html"

    # -- list -----------------------------------------------------------------------------------------------------
    def get_queryset(self, request):
        content_type = ContentType.objects.get_for_model(self.model)
        pending = PendingChange.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_pending_change=Exists(pending))

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), PendingChangeFilter]

    # -- whether a save is held -----------------------------------------------------------------------------------
    def holds_save(self, request, obj) -> bool:
        """A save of ``obj`` waits for review: the item is published and the user may not publish (or is restoring
        a revision, which never goes live by itself)."""
        if not changes.holds_changes(obj):
            return False
        return getattr(request, "_restoring", None) is not None or not request.user.has_perm(
            self.model.publish_permission()
        )

    # -- editing: the form starts from the pending change ----------------------------------------------------------
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and getattr(request, "_editing", False) and getattr(request, "_restoring", None) is None:
            changes.in_memory(obj)
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        relations = getattr(obj, "pending_relations", None)
        if not relations:
            return form_class

        class PendingChangeForm(form_class):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                for name, value in relations.items():
                    if name in self.fields and value is not None:
                        self.initial[name] = value

        return PendingChangeForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request._editing = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    # -- saving -----------------------------------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        request._held_change = None  # per object: the changelist's editable columns save several in one request
        if getattr(request, "_recovering", False):
            obj.status = Status.DRAFT  # a recovered item comes back offline; only the workflow publishes it
            super().save_model(request, obj, form, change)
            record_transition(
                obj, from_status="", to_status=Status.DRAFT, by=request.user, action=Action.RECOVER,
                comment=_("Recovered after deletion, as an offline draft."),
            )  # fmt: skip
            return
        restoring = getattr(request, "_restoring", None)
        comment = self._restore_comment(restoring) if restoring is not None else ""
        if change and self.holds_save(request, obj):
            action = Action.RESTORE if restoring is not None else Action.SUBMIT_CHANGE
            request._held_change = changes.hold(obj, changes.snapshot(obj, form), by=request.user, action=action,
                                                 comment=comment)  # fmt: skip
            return
        was_live = change and changes.holds_changes(obj)
        super().save_model(request, obj, form, change)
        if restoring is not None:
            record_transition(
                obj, from_status=obj.status, to_status=obj.status, by=request.user, action=Action.RESTORE,
                comment=comment,
            )  # fmt: skip
        elif was_live:
            changes.record_direct_change(obj, by=request.user, comment=_("Edited and published directly."))
        elif change:
            PendingChange.objects.filter(
                content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
            ).delete()  # an offline item's pending change was in the form just saved

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_held_change", None) is not None:
            # Many-to-many values wait in the pending change; inlines are read-only for held saves.
            for formset in formsets:
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_related(request, form, formsets, change)

    def response_change(self, request, obj):
        if getattr(request, "_held_change", None) is not None:
            self.message_user(request, HELD_MESSAGE, messages.WARNING)
            return HttpResponseRedirect(request.path if "_continue" in request.POST else self._change_url(obj))
        return super().response_change(request, obj)

    @staticmethod
    def _restore_comment(version) -> str:
        when = date_format(timezone.localtime(version.revision.date_created), "Y-m-d H:i")
        return _("Restored from the version of %(time)s.") % {"time": when}

    # -- restore and recover (django-reversion) ---------------------------------------------------------------------
    def revision_view(self, request, object_id, version_id, extra_context=None):
        """GET: reversion's preview of the old version (nothing is kept). POST: the form is saved as a restore, which
        the workflow holds for a live item; reversion's own revert, which also rewrote the status, is not used."""
        from reversion.models import Version

        version = get_object_or_404(
            Version.objects.get_for_object_reference(self.model, unquote(object_id)), pk=version_id
        )
        request._restoring = version
        if request.method != "POST":
            return super().revision_view(request, object_id, version_id, extra_context)
        with self.create_revision(request):
            return self.changeform_view(request, unquote(object_id), request.path, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request._recovering = True
        return super().recover_view(request, version_id, extra_context)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and obj.pk and self.holds_save(request, obj):
            for inline in inlines:  # what they hold is live content too: read-only unless the user may publish
                inline.max_num = inline.extra = 0
                inline.has_add_permission = lambda *args, **kwargs: False
                inline.has_change_permission = lambda *args, **kwargs: False
                inline.has_delete_permission = lambda *args, **kwargs: False
        return inlines

    # -- the review screen ------------------------------------------------------------------------------------------
    def get_urls(self):
        return [object_view(self, "pending/", self.pending_change_view, "pending"), *super().get_urls()]

    def _change_url(self, obj) -> str:
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def pending_change_view(self, request, object_id):
        live = super().get_object(request, unquote(object_id))
        if live is None or not self.has_view_or_change_permission(request, live):
            raise Http404
        change = changes.pending_change_of(live)
        if change is None:
            self.message_user(request, _("“%(title)s” has no pending change.") % {"title": live}, messages.INFO)
            return HttpResponseRedirect(self._change_url(live))
        can_publish = request.user.has_perm(self.model.publish_permission())
        form = ReviewForm(request.POST or None)
        if request.method == "POST":
            if not can_publish:
                raise PermissionDenied
            if form.is_valid():
                try:
                    if "_send_back" in request.POST:
                        changes.reject_change(live, by=request.user, reason=form.cleaned_data["reason"])
                        done = _("The change was sent back to the editor.")
                    else:
                        at = form.cleaned_data["publish_at"]
                        changes.publish_change(live, by=request.user, at=at)
                        done = (
                            _("The change will be published at %(time)s.")
                            % {"time": date_format(timezone.localtime(at), "Y-m-d H:i")}
                            if at and at > timezone.now()
                            else _("The change is published.")
                        )
                except WorkflowError as error:
                    form.add_error(None, str(error))
                else:
                    self.message_user(request, done, messages.SUCCESS)
                    return HttpResponseRedirect(self._change_url(live))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Pending change of “%(title)s”") % {"title": live},
            "opts": self.model._meta,
            "original": live,
            "change": change,
            "rows": self.pending_rows(live, change),
            "form": form,
            "can_publish": can_publish,
            "sent_back": change.status == ChangeStatus.SENT_BACK,
            "change_url": self._change_url(live),
        }
        return TemplateResponse(request, self.pending_review_template, context)

    def pending_rows(self, live, change) -> list:
        """The fields the change touches, live against proposed, in words an editor reads."""
        from cms.admin.values import compare

        return [row for row in compare(self.model, changes.snapshot(live), change.data) if row.changed]


def pending_changes_panel(request):
    """ "Awaiting my review" for edits of live items: the pending changes a reviewer may publish, per content type."""
    from cms.admin.dashboard import DashboardItem, DashboardPanel

    counts = (
        PendingChange.objects.filter(status=ChangeStatus.IN_REVIEW, publish_at__isnull=True)
        .values_list("content_type")
        .annotate(total=Count("pk"))
    )
    items = []
    for content_type_id, total in counts:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not request.user.has_perm(model.publish_permission()):
            continue
        opts = model._meta
        url = f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?pending=yes"
        label = _("Pending changes of %(items)s") % {"items": opts.verbose_name_plural}
        items.append(DashboardItem(label, url, total, urgent=True))
    if not items:
        return None
    return DashboardPanel(title=_("Changes to published content awaiting my review"), items=items, order=5)
