"""The plan itself: its page, its form, its workflow steps, new versions, comparison and history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from comments.models import Comment
from core.access import VIEW, may_record_ministerial_approval, may_start_version
from core.history import history_entries
from core.locking import StaleRevision, save_with_revision
from editor.sections import PLAN_SECTIONS
from editor.views.base import EditorView, disable_forms, require_change
from plans import services
from plans.forms import AddendumForm, MinisterialApprovalForm, PlanForm, TransitionForm
from plans.models import Plan, PlanStatusChange

# --- The plan -------------------------------------------------------------------------------------------------------


class PlanDetailView(EditorView, TemplateView):
    template_name = "editor/plan_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan, may_change = self.open(Plan, pk=kwargs["pk"])
        context = super().get_context_data(**kwargs) | self.plan_context(plan, may_change)
        context["section_counts"] = [
            (section, section.model.objects.restrict(user, VIEW).filter(plan=plan).count()) for section in PLAN_SECTIONS
        ]
        context["timeline"] = (
            PlanStatusChange.objects.restrict(user, VIEW).filter(plan=plan).select_related("changed_by")
        )
        context["transitions"] = [(s, Plan.Status(s).label) for s in services.allowed_transitions(plan, user)]
        context["open_comments"] = Comment.objects.restrict(user, VIEW).filter(plan=plan, resolved_at=None).count()
        context["can_record_ministerial"] = plan.status in (Plan.Status.APPROVED, Plan.Status.PUBLISHED) and (
            may_record_ministerial_approval(user, plan.zone_id)
        )
        context["can_new_version"] = plan.status in (Plan.Status.APPROVED, Plan.Status.PUBLISHED) and may_start_version(
            user, plan.zone_id
        )
        context["addendum_form"] = AddendumForm(initial={"period_end": plan.period_end + 2})
        context["versions"] = Plan.objects.restrict(user, VIEW).filter(Q(extends=plan) | Q(pk=plan.extends_id))
        return context


class PlanEditView(EditorView, TemplateView):
    template_name = "editor/plan_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.opened = self.open(Plan, pk=kwargs["pk"])
        self.plan = self.opened.obj
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(PlanForm(instance=self.plan))

    def post(self, request, *args, **kwargs):
        require_change(self.opened)
        form = PlanForm(request.POST, instance=self.plan)
        if form.is_valid():
            if not form.has_changed():
                messages.info(request, _("Nothing changed."))
                return redirect("editor:plan", pk=self.plan.pk)
            try:
                save_with_revision(form.save(commit=False), form.loaded_revision)
            except StaleRevision as exc:
                form.add_error(None, exc.message)
                return self.render(form, status=409)
            messages.success(request, _("The plan was saved."))
            return redirect("editor:plan", pk=self.plan.pk)
        return self.render(form, status=400)

    def render(self, form, status=200):
        context = self.plan_context(self.plan, self.opened.may_change) | {"form": form, "object": self.plan}
        if not context["can_edit_plan"]:
            disable_forms(form)
        return self.render_to_response(self.get_context_data(**context), status=status)


class PlanTransitionView(EditorView):
    def post(self, request, pk):
        plan = self.open(Plan, pk=pk).obj
        form = TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a valid step."))
            return redirect("editor:plan", pk=plan.pk)
        try:
            services.transition_plan(
                plan, form.cleaned_data["to_status"], request.user, note=form.cleaned_data["note"],
                on=form.cleaned_data["on"],
            )  # fmt: skip
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:  # a step the user's role does not allow: say so on the plan
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The plan is now: %(status)s.") % {"status": plan.get_status_display()})
        return redirect("editor:plan", pk=plan.pk)


class PlanMinisterialApprovalView(EditorView):
    """Record the date the Ministers of the Interior and Justice approved the plan."""

    def post(self, request, pk):
        plan = self.open(Plan, pk=pk).obj
        form = MinisterialApprovalForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["on"])
            services.record_ministerial_approval(plan, form.cleaned_data["on"], request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The ministerial approval date was recorded."))
        return redirect("editor:plan", pk=plan.pk)


class PlanNewVersionView(EditorView):
    """Start a revision (a full copy to change) or an addendum (extends the period) of an approved plan."""

    def post(self, request, pk, kind):
        plan = self.open(Plan, pk=pk).obj
        try:
            if kind == "revisie":
                new = services.create_revision(plan, request.user)
            else:
                form = AddendumForm(request.POST)
                if not form.is_valid():
                    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
                    return redirect("editor:plan", pk=plan.pk)
                new = services.create_addendum(
                    plan, request.user, form.cleaned_data["period_end"], form.cleaned_data["title"]
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("editor:plan", pk=plan.pk)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("editor:plan", pk=plan.pk)
        messages.success(request, _("A new draft was created: %(title)s.") % {"title": new.title})
        return redirect("editor:plan", pk=new.pk)


class PlanCompareView(EditorView, TemplateView):
    """A revision or addendum against the plan it extends (the published one, as citizens see it)."""

    template_name = "editor/plan_compare.html"

    def get_context_data(self, **kwargs):
        from editor.compare import compare_plans

        user = self.request.user
        plan, may_change = self.open(Plan, pk=kwargs["pk"])
        if plan.extends_id is None:
            raise Http404
        base = self.open(Plan, pk=plan.extends_id).obj
        return super().get_context_data(**kwargs) | self.plan_context(plan, may_change) | {
            "base": base, "comparison": compare_plans(base, plan, user),
        }  # fmt: skip


class PlanHistoryView(EditorView, TemplateView):
    template_name = "editor/object_history.html"

    def get_context_data(self, **kwargs):
        plan, may_change = self.open(Plan, pk=kwargs["pk"])
        return super().get_context_data(**kwargs) | self.plan_context(plan, may_change) | {
            "object": plan, "entries": history_entries(plan, self.request.user),
        }  # fmt: skip
