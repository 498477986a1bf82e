"""Screens of the plans app: the workspace of a zone's users and the plan editor.

Every view asks core.access which rows the user may see (``restrict(user,
"view")``: anything else is a 404) and which they may change (``"change"``:
anything else is a 403); writes go through the services and core.locking.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from actionplans.models import Action, ActionPlan
from comments.forms import CommentForm
from comments.models import Comment
from comments.services import add_comment, resolve_comment
from core.access import (
    CHANGE,
    VIEW,
    can_add,
    can_change,
    may_approve_values,
    may_comment,
    may_enter_values,
    may_record_ministerial_approval,
    may_resolve_comment,
    may_start_version,
    sees_zone_internals,
    zone_roles,
)
from core.history import history_entries
from core.locking import StaleRevision, lost_race_as_error, save_with_revision
from editor.sections import PLAN_SECTIONS, SECTIONS
from plans import services
from plans.forms import AddendumForm, MinisterialApprovalForm, PlanForm, TransitionForm
from plans.models import Plan, PlanStatusChange
from priorities.models import Priority
from stats.forms import ValuesGridForm
from stats.models import Indicator, IndicatorValue
from stats.services import approve_year, record_values
from zones.forms import MunicipalityFormSet, ZoneForm
from zones.models import PoliceZone


class WorkspaceView(LoginRequiredMixin, TemplateView):
    """The zones a user works for, with their plans in every status."""

    template_name = "editor/workspace.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        zones = PoliceZone.objects.of(user)
        plans = Plan.objects.restrict(user, VIEW).order_by("-period_start", "kind")
        context["zones"] = zones.prefetch_related(Prefetch("plans", queryset=plans))
        context["roles"] = {zone_id: sorted(roles) for zone_id, roles in zone_roles(user).items()}
        return context


def visible_or_404(model, user, **lookup):
    """The row if *user* may see it; a 404 otherwise (never reveal that it exists)."""
    return get_object_or_404(model.objects.restrict(user, VIEW), **lookup)


def require_change(user, obj):
    if not can_change(user, obj):
        raise PermissionDenied(_("You may not change this."))


class EditorView(LoginRequiredMixin, View):
    """Base of the editor's screens: login required, helpers for plan context."""

    def plan_context(self, plan) -> dict:
        return {
            "plan": plan,
            "zone": plan.zone,
            "can_edit_plan": can_change(self.request.user, plan),
            "sections": PLAN_SECTIONS,
        }


# --- The plan -------------------------------------------------------------------------------------------------------


class PlanDetailView(EditorView, TemplateView):
    template_name = "editor/plan_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = visible_or_404(Plan, user, pk=kwargs["pk"])
        context = super().get_context_data(**kwargs) | self.plan_context(plan)
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
        self.plan = visible_or_404(Plan, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(PlanForm(instance=self.plan))

    def post(self, request, *args, **kwargs):
        require_change(request.user, self.plan)
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
        context = self.plan_context(self.plan) | {"form": form, "object": self.plan}
        if not context["can_edit_plan"]:
            _disable(form)
        return self.render_to_response(self.get_context_data(**context), status=status)


def _disable(*forms):
    for form in forms:
        if form is None:
            continue
        for sub in getattr(form, "forms", [form]):
            for field in sub.fields.values():
                field.disabled = True


class PlanTransitionView(EditorView):
    def post(self, request, pk):
        plan = visible_or_404(Plan, request.user, pk=pk)
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
        plan = visible_or_404(Plan, request.user, pk=pk)
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
        plan = visible_or_404(Plan, request.user, pk=pk)
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
        plan = visible_or_404(Plan, user, pk=kwargs["pk"])
        if plan.extends_id is None:
            raise Http404
        base = visible_or_404(Plan, user, pk=plan.extends_id)
        return super().get_context_data(**kwargs) | self.plan_context(plan) | {
            "base": base, "comparison": compare_plans(base, plan, user),
        }  # fmt: skip


# --- Generic sections -----------------------------------------------------------------------------------------------


class SectionMixin(EditorView):
    def dispatch(self, request, *args, **kwargs):
        self.section = SECTIONS.get(kwargs["section"])
        if self.section is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def section_context(self, parent) -> dict:
        plan = self.section.plan_of(parent)
        context = {"section": self.section, "parent": parent, "parent_section": _section_of(parent)}
        context |= self.plan_context(plan) if plan is not None else {"zone": parent}
        return context


def _section_of(obj):
    from editor.sections import SECTION_BY_MODEL

    return SECTION_BY_MODEL.get(type(obj))


class SectionListView(SectionMixin, TemplateView):
    template_name = "editor/section_list.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        user, section = self.request.user, self.section
        parent = visible_or_404(section.parent_model, user, pk=kwargs["parent_pk"])
        rows = section.model.objects.restrict(user, VIEW).filter(**{section.parent_field: parent})
        query = self.request.GET.get("q", "").strip()
        if query and section.search_fields:
            condition = Q()
            for name in section.search_fields:
                condition |= Q(**{f"{name}__icontains": query})
            rows = rows.filter(condition)
        sortable = {c for c in section.columns if not c.startswith("is_")} | set(section.extra_sorts)
        sort = self.request.GET.get("sort", section.sort_default)
        if sort.lstrip("-") not in sortable:
            sort = section.sort_default
        rows = rows.order_by(sort, "pk")
        related = [c for c in section.columns if section.model._meta.get_field(c).is_relation]
        page = Paginator(rows.select_related(*related), self.paginate_by).get_page(self.request.GET.get("page"))
        plan = section.plan_of(parent)
        return super().get_context_data(**kwargs) | self.section_context(parent) | {
            "page": page, "query": query, "sort": sort,
            "columns": [(c, section.model._meta.get_field(c).verbose_name, c in sortable) for c in section.columns],
            "can_add": can_add(user, section.model, plan=plan, zone_id=section.zone_id_of(parent)),
        }  # fmt: skip


class SectionFormView(SectionMixin, TemplateView):
    template_name = "editor/section_form.html"

    def get_object_and_parent(self, **kwargs):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        section = SECTIONS.get(kwargs["section"])
        if section is None:
            raise Http404
        self.section = section
        self.object, self.parent, self.editable = self.get_object_and_parent(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def build(self, data=None, files=None):
        section, kwargs = self.section, self.section.form_kwargs(self.parent)
        form = section.form_class(data, files, instance=self.object, **kwargs)
        # Choices (a priority's stakeholder expectations, an indicator's priority or series) list only
        # the rows this user may see: a restricted row's name must not reach a reader through a <select>.
        for field in form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                field.queryset = queryset.restrict(self.request.user, VIEW)
        formset = None
        if section.formset_class is not None:
            formset = section.formset_class(data, files, instance=self.object, prefix="lines")
        return form, formset

    def get(self, request, *args, **kwargs):
        form, formset = self.build()
        return self.render(form, formset)

    def post(self, request, *args, **kwargs):
        if not self.editable:
            raise PermissionDenied(_("You may not change this."))
        form, formset = self.build(request.POST, request.FILES)
        valid = form.is_valid() & (formset is None or formset.is_valid())
        if not valid:
            return self.render(form, formset, status=400)
        if self.object.pk and not form.has_changed() and not (formset and formset.has_changed()):
            messages.info(request, _("Nothing changed."))
            return HttpResponseRedirect(self.success_url())
        try:
            with lost_race_as_error(), transaction.atomic():
                obj = form.save(commit=False)
                if hasattr(obj, "revision"):
                    save_with_revision(obj, form.loaded_revision)
                else:  # a model without a revision counter (values, key figures) cannot be locked
                    obj.save()
                form.save_m2m()
                if formset is not None:
                    formset.instance = obj
                    formset.save()
        except StaleRevision as exc:
            form.add_error(None, exc.message)
            return self.render(form, formset, status=409)
        except ValidationError as exc:  # a rule only the database or a service knows
            form.add_error(None, exc)
            return self.render(form, formset, status=400)
        self.object = obj
        messages.success(request, _("“%(object)s” was saved.") % {"object": obj})
        return HttpResponseRedirect(self.success_url())

    def success_url(self):
        if "_continue" in self.request.POST:
            return reverse("editor:section-edit", args=[self.section.slug, self.object.pk])
        return reverse("editor:section-list", args=[self.section.slug, self.parent.pk])

    def render(self, form, formset, status=200):
        if not self.editable:
            _disable(form, formset)
        context = self.section_context(self.parent) | {
            "form": form, "formset": formset, "object": self.object, "editable": self.editable,
            "comments": self.comments(), "comment_form": CommentForm(),
        }  # fmt: skip
        return self.render_to_response(self.get_context_data(**context), status=status)

    def comments(self):
        if self.object.pk and isinstance(self.object, Priority | Indicator):
            field = "priority" if isinstance(self.object, Priority) else "indicator"
            return Comment.objects.restrict(self.request.user, VIEW).filter(**{field: self.object})
        return None


class SectionCreateView(SectionFormView):
    def get_object_and_parent(self, **kwargs):
        section, user = self.section, self.request.user
        parent = visible_or_404(section.parent_model, user, pk=kwargs["parent_pk"])
        if not can_add(user, section.model, plan=section.plan_of(parent), zone_id=section.zone_id_of(parent)):
            raise PermissionDenied(_("You may not add to this."))
        return section.model(**{section.parent_field: parent}), parent, True


class SectionUpdateView(SectionFormView):
    def get_object_and_parent(self, **kwargs):
        section, user = self.section, self.request.user
        obj = visible_or_404(section.model, user, pk=kwargs["pk"])
        return obj, getattr(obj, section.parent_field), can_change(user, obj)


class SectionDeleteView(SectionMixin, TemplateView):
    template_name = "editor/section_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_target(self, pk):
        obj = visible_or_404(self.section.model, self.request.user, pk=pk)
        require_change(self.request.user, obj)
        return obj

    def get_context_data(self, **kwargs):
        obj = self.get_target(kwargs["pk"])
        parent = getattr(obj, self.section.parent_field)
        return super().get_context_data(**kwargs) | self.section_context(parent) | {"object": obj}

    def post(self, request, section, pk):
        obj = self.get_target(pk)
        parent = getattr(obj, self.section.parent_field)
        with transaction.atomic():
            label = str(obj)
            obj.delete()
        messages.success(request, _("“%(object)s” was deleted.") % {"object": label})
        return redirect("editor:section-list", self.section.slug, parent.pk)


class SectionHistoryView(SectionMixin, TemplateView):
    template_name = "editor/object_history.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        obj = visible_or_404(self.section.model, user, pk=kwargs["pk"])
        parent = getattr(obj, self.section.parent_field)
        entries = history_entries(obj, user)
        formset_class = self.section.formset_class
        if formset_class is not None and hasattr(formset_class.model, "history"):
            # The rows edited with it (a series' yearly figures, a table's lines, an indicator's targets) too.
            entries = [entry | {"label": str(obj)} for entry in entries]
            children = formset_class.model.objects.filter(**{formset_class.fk.name: obj})
            for child in children.restrict(user, VIEW) if hasattr(children, "restrict") else children:
                entries += [entry | {"label": str(child)} for entry in history_entries(child, user)]
            entries.sort(key=lambda entry: entry["date"], reverse=True)
        return super().get_context_data(**kwargs) | self.section_context(parent) | {
            "object": obj, "entries": entries,
        }  # fmt: skip


class PlanHistoryView(EditorView, TemplateView):
    template_name = "editor/object_history.html"

    def get_context_data(self, **kwargs):
        plan = visible_or_404(Plan, self.request.user, pk=kwargs["pk"])
        return super().get_context_data(**kwargs) | self.plan_context(plan) | {
            "object": plan, "entries": history_entries(plan, self.request.user),
        }  # fmt: skip


# --- Priorities, action plans, comments -----------------------------------------------------------------------------


class PriorityDetailView(EditorView, TemplateView):
    template_name = "editor/priority_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        priority = visible_or_404(Priority, user, pk=kwargs["pk"])
        action_plans = (
            ActionPlan.objects.restrict(user, VIEW)
            .filter(priority=priority)
            .annotate(
                done=Count("objectives__actions", filter=Q(objectives__actions__status=Action.Status.DONE)),
                counted=Count("objectives__actions", filter=~Q(objectives__actions__status=Action.Status.CANCELLED)),
            )
        )
        member = sees_zone_internals(user, priority.plan.zone_id)
        indicators = (
            Indicator.objects.restrict(user, VIEW)
            .filter(priority=priority)
            .prefetch_related("targets", Prefetch("values", queryset=IndicatorValue.objects.restrict(user, VIEW)))
        )
        years = list(priority.plan.years)
        rows = [
            (i, [(y, i.target_for(y), i.value_for(y, approved_only=not member), i.status_for(y, not member))
                 for y in years])
            for i in indicators
        ]  # fmt: skip
        comments = Comment.objects.restrict(user, VIEW).filter(Q(priority=priority) | Q(indicator__priority=priority))
        return super().get_context_data(**kwargs) | self.plan_context(priority.plan) | {
            "priority": priority, "action_plans": action_plans, "indicator_rows": rows, "years": years,
            "comments": comments.select_related("author", "resolved_by", "indicator"),
            "comment_form": CommentForm(),
            "can_comment": may_comment(user, priority.plan.zone_id),
            "can_resolve": may_resolve_comment(user, priority.plan.zone_id),
            "can_add_action_plan": can_add(user, ActionPlan, plan=priority.plan),
        }  # fmt: skip


class ActionPlanDetailView(EditorView, TemplateView):
    template_name = "editor/actionplan_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        action_plan = visible_or_404(ActionPlan, user, pk=kwargs["pk"])
        objectives = action_plan.objectives.restrict(user, VIEW).prefetch_related(
            Prefetch("actions", queryset=Action.objects.restrict(user, VIEW))
        )
        return super().get_context_data(**kwargs) | self.plan_context(action_plan.priority.plan) | {
            "action_plan": action_plan, "objectives": objectives,
            "milestones": action_plan.milestones.restrict(user, VIEW),
            "totals": action_plan.capacity_totals(), "progress": action_plan.progress(),
            "can_change": can_change(user, action_plan),
        }  # fmt: skip


class CommentCreateView(EditorView):
    def post(self, request, kind, pk):
        model = Priority if kind == "prioriteit" else Indicator
        target = visible_or_404(model, request.user, pk=pk)
        form = CommentForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors["body"])
            add_comment(target, form.cleaned_data["body"], request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment was added."))
        priority = target if isinstance(target, Priority) else target.priority
        if priority is None:
            return redirect("editor:section-edit", "indicatoren", target.pk)
        return redirect("editor:priority", pk=priority.pk)


class CommentResolveView(EditorView):
    def post(self, request, pk):
        comment = visible_or_404(Comment, request.user, pk=pk)
        resolve_comment(comment, request.user)
        messages.success(request, _("The comment is marked as resolved."))
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = reverse("editor:plan", args=[comment.plan_id])  # never send the user to another site
        return redirect(next_url)


class PriorityMoveView(EditorView):
    """Move a priority up or down, or renumber them all in their current order."""

    def post(self, request, pk, action):
        from priorities.services import move_priority, renumber_priorities

        plan = visible_or_404(Plan, request.user, pk=pk)
        require_change(request.user, plan)
        if action == "hernummeren":
            renumber_priorities(plan)
            messages.success(request, _("The priorities were renumbered."))
        else:
            priority = get_object_or_404(Priority.objects.restrict(request.user, CHANGE), plan=plan,
                                         pk=request.POST.get("priority"))  # fmt: skip
            move_priority(priority, -1 if action == "omhoog" else 1)
        return redirect(reverse("editor:section-list", args=["prioriteiten", plan.pk]) + "?sort=number")


# --- Yearly values ---------------------------------------------------------------------------------------------------


class ValuesGridView(EditorView, TemplateView):
    """All indicators of a plan for one year: advisors enter the values, the council approves the year."""

    template_name = "editor/values_grid.html"

    def setup_grid(self, pk, year):
        user = self.request.user
        self.plan = visible_or_404(Plan, user, pk=pk)
        if year not in self.plan.years:
            raise Http404
        self.indicators = list(Indicator.objects.restrict(user, VIEW).filter(plan=self.plan).select_related("priority"))
        self.values = {
            v.indicator_id: v
            for v in IndicatorValue.objects.restrict(user, VIEW).filter(indicator__plan=self.plan, year=year)
        }

    def get(self, request, pk, year):
        self.setup_grid(pk, year)
        return self.render(ValuesGridForm(indicators=self.indicators, values=self.values), year)

    def post(self, request, pk, year):
        self.setup_grid(pk, year)
        user = request.user
        if "approve" in request.POST:
            try:
                count = approve_year(self.plan, year, user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("%(count)s values of %(year)s approved.") % {"count": count, "year": year})
            return redirect("editor:values", pk=self.plan.pk, year=year)
        form = ValuesGridForm(request.POST, indicators=self.indicators, values=self.values)
        if not form.is_valid():
            return self.render(form, year, status=400)
        try:
            with lost_race_as_error():
                result = record_values(self.plan, year, form.entries(), user)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # about the whole year (an archived plan), not one indicator
                form.add_error(None, exc)
                return self.render(form, year, status=400)
            for key, errors in exc.message_dict.items():
                name = f"value_{key}"
                form.add_error(name if name in form.fields else None, errors)
            return self.render(form, year, status=400)
        messages.success(request, _("Saved: %(created)s new, %(changed)s changed, %(removed)s removed.") % result)
        return redirect("editor:values", pk=self.plan.pk, year=year)

    def render(self, form, year, status=200):
        user = self.request.user
        can_enter = may_enter_values(user, self.plan.zone_id) and (self.plan.status in Plan.FOLLOW_UP_STATUSES)
        if not can_enter:
            _disable(form)
        pending = sum(1 for v in self.values.values() if not v.is_approved)
        context = self.plan_context(self.plan) | {
            "form": form, "year": year, "can_enter": can_enter, "pending": pending,
            "can_approve": may_approve_values(user, self.plan.zone_id) and pending > 0,
        }  # fmt: skip
        return self.render_to_response(self.get_context_data(**context), status=status)


# --- The zone --------------------------------------------------------------------------------------------------------


class ZoneEditView(EditorView, TemplateView):
    template_name = "editor/zone_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # A zone and its municipalities are public facts: anyone signed in reads the profile;
        # only the zone's advisors and korpschef (and site administrators) change it.
        self.zone = get_object_or_404(PoliceZone.objects.restrict(request.user, VIEW), pk=kwargs["pk"])
        self.editable = PoliceZone.objects.restrict(request.user, CHANGE).filter(pk=self.zone.pk).exists()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(ZoneForm(instance=self.zone), MunicipalityFormSet(instance=self.zone, prefix="lines"))

    def post(self, request, pk):
        if not self.editable:
            raise PermissionDenied
        form = ZoneForm(request.POST, request.FILES, instance=self.zone)
        formset = MunicipalityFormSet(request.POST, instance=self.zone, prefix="lines")
        if not (form.is_valid() & formset.is_valid()):
            return self.render(form, formset, status=400)
        try:
            with transaction.atomic():
                save_with_revision(form.save(commit=False), form.loaded_revision)
                formset.save()
        except StaleRevision as exc:
            form.add_error(None, exc.message)
            return self.render(form, formset, status=409)
        messages.success(request, _("The zone profile was saved."))
        return redirect("editor:zone", pk=self.zone.pk)

    def render(self, form, formset, status=200):
        if not self.editable:
            _disable(form, formset)
        context = {"zone": self.zone, "form": form, "formset": formset, "editable": self.editable}
        return self.render_to_response(self.get_context_data(**context), status=status)


class ZoneHistoryView(EditorView, TemplateView):
    """The history of a zone's profile: the zone and its municipalities, newest first."""

    template_name = "editor/object_history.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        zone = get_object_or_404(PoliceZone.objects.restrict(user, VIEW), pk=kwargs["pk"])
        entries = [entry | {"label": str(zone)} for entry in history_entries(zone, user)]
        for municipality in zone.municipalities.restrict(user, VIEW):
            entries += [entry | {"label": str(municipality)} for entry in history_entries(municipality, user)]
        entries.sort(key=lambda entry: entry["date"], reverse=True)
        return super().get_context_data(**kwargs) | {"zone": zone, "object": zone, "entries": entries}
