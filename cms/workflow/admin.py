"""Admin support for every model with a workflow: one actions mixin, one confirmation page.

``WorkflowActionsMixin`` reads the model's declared moves (``Model.workflow``) and gives the change form a button
per move the item allows and the user may make, and the changelist a bulk action per move (``action_<name>``).
Moves that need a reason, or extra input (``workflow_forms``), ask for it on ``admin/cms/workflow_confirm.html``
first; a blank reason shows the form again with the error and changes nothing. Every move goes through
``cms.workflow.services.transition()`` unless the admin routes it to its domain's service (``perform_move``).

``WorkflowAdminMixin`` adds what publishable content (news, policies, pages) needs on top: audit fields, the
history table, the status badge and the preview link. Editors never set ``status`` by hand.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.admin.urls import object_view
from cms.workflow.history import history_table
from cms.workflow.moves import Move
from cms.workflow.pending_admin import PendingChangesAdminMixin
from cms.workflow.services import record_creation, transition
from cms.workflow.states import Status, WorkflowError


class WorkflowForm(forms.Form):
    """The confirmation form of a move: a comment, required as the reason when the move needs one.

    Subclass it to ask for what a move needs besides (``ModelAdmin.workflow_forms``); the extra cleaned fields are
    passed to ``perform_move`` as keyword arguments.
    """

    comment = forms.CharField(label=gettext_lazy("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, move: Move, **kwargs):
        super().__init__(*args, **kwargs)
        self.move = move
        if move.reason_required:
            comment = self.fields["comment"]
            comment.required = True
            comment.label = gettext_lazy("Reason (the editor and the history will show it)")
            comment.error_messages["required"] = move.reason_missing

    def move_arguments(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "comment"}


class WorkflowActionsMixin:
    """Mix into the ModelAdmin of a model that declares ``workflow`` (a ``cms.workflow.moves.Workflow``)."""

    change_form_template = "admin/cms/workflow_change_form.html"
    workflow_confirm_template = "admin/cms/workflow_confirm.html"
    #: ``{move name: WorkflowForm subclass}`` for moves that need more than a comment.
    workflow_forms: dict[str, type[WorkflowForm]] = {}

    # -- which moves ----------------------------------------------------------------------------------------------
    def workflow_moves(self, request) -> list[Move]:
        """The moves ``request.user`` may make on this model (in any state)."""
        return [move for move in self.model.workflow if move.allowed_by(request.user, self.model)]

    def allowed_moves(self, request, obj) -> list[Move]:
        """The moves ``obj`` allows now and the user may make."""
        if obj is None or obj.pk is None or not self.has_view_or_change_permission(request, obj):
            return []
        return self.model.workflow.from_state(obj.status, self.workflow_moves(request))

    def needs_confirmation(self, move: Move) -> bool:
        return move.reason_required or move.name in self.workflow_forms

    def get_workflow_form(self, move: Move, data=None) -> WorkflowForm:
        return self.workflow_forms.get(move.name, WorkflowForm)(data, move=move)

    def perform_move(self, request, obj, move: Move, *, reason: str = "", **extra):
        """Make the move. Override to route a move through its domain's service (which calls ``transition()``)."""
        return transition(obj, move, by=request.user, reason=reason, **extra)

    # -- change form buttons -------------------------------------------------------------------------------------
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_moves"] = [
            (move, reverse(self._workflow_url_name(), args=[obj.pk, move.name]))
            for move in self.allowed_moves(request, obj)
        ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _workflow_url_name(self) -> str:
        return f"{self.admin_site.name}:{self.model._meta.app_label}_{self.model._meta.model_name}_workflow"

    def get_urls(self):
        return [object_view(self, "workflow/<str:move_name>/", self.workflow_view, "workflow"), *super().get_urls()]

    def workflow_view(self, request, object_id, move_name):
        """GET shows the confirmation page; POST makes the move and returns to the change form."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        move = self.model.workflow.get(move_name)
        if move is None or move not in self.allowed_moves(request, obj):
            raise PermissionDenied
        change_url = reverse(
            f"{self.admin_site.name}:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
        )
        form = self.get_workflow_form(move, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                self.perform_move(request, obj, move, reason=form.cleaned_data["comment"], **form.move_arguments())
            except WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, _("“%(title)s”: %(move)s done.") % {"title": obj, "move": move.label}, messages.SUCCESS
                )
            return HttpResponseRedirect(change_url)
        return self.confirmation_page(request, move, [obj], form, cancel_url=change_url)

    # -- bulk actions ---------------------------------------------------------------------------------------------
    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.actions is None or IS_POPUP_VAR in request.GET:
            return actions
        for move in self.workflow_moves(request):
            actions[f"action_{move.name}"] = (self._bulk_action(move), f"action_{move.name}", move.label)
        return actions

    @staticmethod
    def _bulk_action(move: Move):
        def action(modeladmin, request, queryset):
            return modeladmin.bulk_move(request, queryset, move)

        action.__name__ = f"action_{move.name}"
        return action

    def bulk_move(self, request, queryset, move: Move):
        """Make ``move`` on every selected item that allows it; ask for the reason (and extra input) first."""
        if not move.allowed_by(request.user, self.model):
            raise PermissionDenied
        reason, arguments = "", {}
        if self.needs_confirmation(move):
            form = self.get_workflow_form(move, request.POST if "apply" in request.POST else None)
            if not form.is_valid():  # not asked yet, or asked and the answer is incomplete
                return self.confirmation_page(
                    request, move, list(queryset), form, bulk_action=f"action_{move.name}",
                    cancel_url=request.get_full_path(),
                )  # fmt: skip
            reason, arguments = form.cleaned_data["comment"], form.move_arguments()
        done = 0
        for obj in queryset:
            try:
                self.perform_move(request, obj, move, reason=reason, **arguments)
            except WorkflowError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(
                request, _("%(move)s: %(count)d item(s) done.") % {"move": move.label, "count": done}, messages.SUCCESS
            )
        return None

    def confirmation_page(self, request, move: Move, objects, form, *, cancel_url: str, bulk_action: str = ""):
        context = {
            **self.admin_site.each_context(request),
            "title": move.label,
            "opts": self.model._meta,
            "objects": objects,
            "move": move,
            "form": form,
            "media": self.media + form.media,
            "bulk_action": bulk_action,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "cancel_url": cancel_url,
        }
        return TemplateResponse(request, self.workflow_confirm_template, context)


class WorkflowAdminMixin(PendingChangesAdminMixin, WorkflowActionsMixin):
    """Mix into the ModelAdmin of a ``cms.workflow.models.Publishable`` model: workflow buttons and actions, and edits
    of live items held as pending changes (cms/workflow/pending_admin.py)."""

    workflow_readonly_fields = ["status", "created_by", "updated_by", "created_at", "updated_at", "workflow_history"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.workflow_readonly_fields]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if not change:
            record_creation(obj, by=request.user)

    @admin.display(description=gettext_lazy("Workflow history"))
    def workflow_history(self, obj):
        return history_table(obj) if obj is not None and obj.pk else "—"

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_badge(self, obj):
        if obj.is_scheduled(timezone.now()):
            label, tone = _("Scheduled"), "scheduled"
        elif obj.status == Status.PUBLISHED and getattr(obj, "has_pending_change", False):
            label, tone = _("Published · pending change"), "pending-change"
        else:
            label, tone = obj.get_status_display(), obj.status
        return format_html('<span class="status-badge status-badge--{}">{}</span>', tone, label)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["public_url"] = obj.get_absolute_url() if obj is not None and obj.pk else None
        context["pending_change"] = getattr(obj, "pending_change", None)
        context["holds_save"] = bool(obj is not None and obj.pk and self.holds_save(request, obj))
        if context["pending_change"] is not None:
            context["pending_url"] = reverse(
                f"{self.admin_site.name}:{obj._meta.app_label}_{obj._meta.model_name}_pending", args=[obj.pk]
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
