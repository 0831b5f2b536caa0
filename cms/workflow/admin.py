"""Admin support for the publishing workflow, shared by every publishable model (news, policies).

Editors never set ``status`` by hand: the change form shows the allowed moves as buttons, the changelist has bulk
actions, and both call the services in ``cms.workflow``. Moves that need a reason (unpublish, send back) ask
for it on a confirmation page.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.workflow import services as publishing
from cms.workflow.history import history_table
from cms.workflow.states import Status, WorkflowError


class WorkflowMove:
    def __init__(self, name, label, service, *, allowed_from, needs_publish_perm, needs_comment):
        self.name = name
        self.label = label
        self.service = service
        self.allowed_from = allowed_from
        self.needs_publish_perm = needs_publish_perm
        self.needs_comment = needs_comment

    def run(self, item, *, by, comment=""):
        if self.needs_comment:
            key = "reason" if self.name == "unpublish" else "comment"
            return self.service(item, by=by, **{key: comment})
        return self.service(item, by=by, comment=comment)


MOVES = {
    move.name: move
    for move in [
        WorkflowMove(
            "submit", gettext_lazy("Submit for review"), publishing.submit_for_review,
            allowed_from={Status.DRAFT}, needs_publish_perm=False, needs_comment=False,
        ),
        WorkflowMove(
            "publish", gettext_lazy("Publish"), publishing.publish,
            allowed_from={Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED}, needs_publish_perm=True,
            needs_comment=False,
        ),
        WorkflowMove(
            "send_back", gettext_lazy("Send back to the editor"), publishing.send_back,
            allowed_from={Status.IN_REVIEW}, needs_publish_perm=True, needs_comment=True,
        ),
        WorkflowMove(
            "unpublish", gettext_lazy("Take offline"), publishing.unpublish,
            allowed_from={Status.PUBLISHED}, needs_publish_perm=True, needs_comment=True,
        ),
        WorkflowMove(
            "reopen", gettext_lazy("Reopen as draft"), publishing.reopen,
            allowed_from={Status.UNPUBLISHED}, needs_publish_perm=False, needs_comment=False,
        ),
    ]
}  # fmt: skip


class WorkflowCommentForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required
        if required:
            self.fields["comment"].label = gettext_lazy("Reason (the editor and the history will show it)")


class WorkflowAdminMixin:
    """Mix into a ModelAdmin of a ``cms.workflow.models.Publishable`` model."""

    change_form_template = "admin/cms/workflow_change_form.html"
    actions = ["action_submit", "action_publish", "action_send_back", "action_unpublish"]
    workflow_readonly_fields = ["status", "created_by", "updated_by", "created_at", "updated_at", "workflow_history"]

    # -- permissions -------------------------------------------------------------------------------------------
    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(self.model.publish_permission())

    def allowed_moves(self, request, obj) -> list[WorkflowMove]:
        if obj is None or obj.pk is None or not self.has_change_permission(request, obj):
            return []
        can_publish = self.has_publish_permission(request)
        return [
            move
            for move in MOVES.values()
            if obj.status in move.allowed_from and (can_publish or not move.needs_publish_perm)
        ]

    # -- form and saving ----------------------------------------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.workflow_readonly_fields]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            publishing.record_creation(obj, by=request.user)

    @admin.display(description=gettext_lazy("Workflow history"))
    def workflow_history(self, obj):
        return history_table(obj) if obj is not None and obj.pk else "—"

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, obj):
        now = timezone.now()
        if obj.is_scheduled(now):
            label, tone = _("Scheduled"), "scheduled"
        else:
            label, tone = obj.get_status_display(), obj.status
        return format_html('<span class="status-badge status-badge--{}">{}</span>', tone, label)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_moves"] = [
            (move, reverse(self._workflow_url_name(), args=[obj.pk, move.name]))
            for move in self.allowed_moves(request, obj)
        ]
        context["public_url"] = obj.get_absolute_url() if obj is not None and obj.pk else None
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- the transition view ------------------------------------------------------------------------------------
    def _workflow_url_name(self) -> str:
        return f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_workflow"

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<path:object_id>/workflow/<str:move_name>/",
                self.admin_site.admin_view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            ),
            *super().get_urls(),
        ]

    def workflow_view(self, request, object_id, move_name):
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        move = MOVES.get(move_name)
        if move is None or move not in self.allowed_moves(request, obj):
            raise PermissionDenied
        change_url = reverse(
            f"{self.admin_site.name}:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
        )
        form = WorkflowCommentForm(request.POST or None, required=move.needs_comment)
        if request.method == "POST" and form.is_valid():
            try:
                move.run(obj, by=request.user, comment=form.cleaned_data["comment"])
            except WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, _("“%(title)s”: %(move)s done.") % {"title": obj, "move": move.label}, messages.SUCCESS
                )
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": move.label,
            "opts": self.model._meta,
            "objects": [obj],
            "move": move,
            "form": form,
            "cancel_url": change_url,
        }
        return TemplateResponse(request, "admin/cms/workflow_confirm.html", context)

    # -- bulk actions -------------------------------------------------------------------------------------------
    def _bulk(self, request, queryset, move_name):
        move = MOVES[move_name]
        if move.needs_comment and "apply" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "title": move.label,
                "opts": self.model._meta,
                "objects": list(queryset),
                "move": move,
                "form": WorkflowCommentForm(required=True),
                "bulk_action": f"action_{move_name}",
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "cancel_url": request.get_full_path(),
            }
            return TemplateResponse(request, "admin/cms/workflow_confirm.html", context)
        form = WorkflowCommentForm(request.POST if move.needs_comment else None, required=move.needs_comment)
        if move.needs_comment and not form.is_valid():
            self.message_user(request, _("Give a reason."), messages.ERROR)
            return None
        comment = form.cleaned_data["comment"] if move.needs_comment else ""
        done, failed = 0, []
        for obj in queryset:
            try:
                move.run(obj, by=request.user, comment=comment)
                done += 1
            except WorkflowError as error:
                failed.append(str(error))
        if done:
            self.message_user(request, _("%(move)s: %(count)d item(s) done.") % {"move": move.label, "count": done})
        for message in failed:
            self.message_user(request, message, messages.WARNING)
        return None

    @admin.action(description=gettext_lazy("Submit for review"), permissions=["change"])
    def action_submit(self, request, queryset):
        return self._bulk(request, queryset, "submit")

    @admin.action(description=gettext_lazy("Publish"), permissions=["publish"])
    def action_publish(self, request, queryset):
        return self._bulk(request, queryset, "publish")

    @admin.action(description=gettext_lazy("Send back to the editor"), permissions=["publish"])
    def action_send_back(self, request, queryset):
        return self._bulk(request, queryset, "send_back")

    @admin.action(description=gettext_lazy("Take offline"), permissions=["publish"])
    def action_unpublish(self, request, queryset):
        return self._bulk(request, queryset, "unpublish")
