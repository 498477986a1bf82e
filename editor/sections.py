"""The parts of a plan that the editor lists, adds, changes and deletes with one set of views.

Each section names its model, its form, the row it hangs under (a plan, a
priority, an action plan, an objective or a zone) and the columns of its
list. The generic views in editor.views do the rest: access through
core.access, optimistic locking, history, confirmation before deleting.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from actionplans.forms import ActionForm, ActionPlanForm, MilestoneForm, ObjectiveForm
from actionplans.models import Action, ActionPlan, Milestone, Objective
from plans.forms import ChapterForm, PlanValueForm, SignatoryForm, StakeholderExpectationForm
from plans.models import Chapter, Plan, PlanValue, Signatory, StakeholderExpectation
from priorities.forms import DomainForm, PriorityForm, ThemeForm
from priorities.models import Domain, Priority, Theme
from stats.forms import (
    CrimeCategoryForm,
    FinancialLineForm,
    IndicatorForm,
    KeyFigureForm,
    StaffLineFormSet,
    StaffTableForm,
    StatPointFormSet,
    StatSeriesForm,
    TargetFormSet,
)
from stats.models import CrimeCategory, FinancialLine, Indicator, KeyFigure, StaffTable, StatSeries
from zones.models import PoliceZone


@dataclass(frozen=True)
class Section:
    slug: str
    model: type
    form_class: type
    parent_field: str  # the model's link to the row it hangs under
    title: str
    columns: tuple[str, ...]
    search_fields: tuple[str, ...] = ()
    form_kwarg: str | None = None  # "plan" or "zone": passed to the form to limit its choices
    formset_class: type | None = None
    formset_kwarg: str | None = None
    sort_default: str = "order"
    extra_sorts: tuple[str, ...] = field(default_factory=tuple)

    @property
    def parent_model(self):
        return self.model._meta.get_field(self.parent_field).related_model

    def plan_of(self, parent) -> Plan | None:
        """The plan a parent row belongs to (None for zone-level data)."""
        node = parent
        for _step in range(4):
            if isinstance(node, Plan):
                return node
            if isinstance(node, PoliceZone):
                return None
            node = getattr(node, "plan", None) or getattr(node, "priority", None) or getattr(node, "action_plan", None)
        return None

    def zone_id_of(self, parent) -> int:
        plan = self.plan_of(parent)
        return plan.zone_id if plan is not None else parent.pk

    def form_kwargs(self, parent) -> dict:
        if self.form_kwarg == "plan":
            return {"plan": self.plan_of(parent)}
        if self.form_kwarg == "zone":
            return {"zone": parent}
        return {}

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name


SECTIONS = {
    s.slug: s
    for s in [
        Section("hoofdstukken", Chapter, ChapterForm, "plan", _("Chapters"), ("order", "title", "kind", "protection"),
                ("title", "body")),
        Section("waarden", PlanValue, PlanValueForm, "plan", _("Values"), ("order", "name"), ("name",)),
        Section("verwachtingen", StakeholderExpectation, StakeholderExpectationForm, "plan",
                _("Stakeholder expectations"), ("order", "role", "name", "protection"), ("name", "expectations")),
        Section("ondertekenaars", Signatory, SignatoryForm, "plan", _("Signatories"),
                ("order", "name", "role", "signed_on"), ("name", "role")),
        Section("domeinen", Domain, DomainForm, "plan", _("Domains"), ("order", "code", "name"), ("code", "name")),
        Section("themas", Theme, ThemeForm, "plan", _("Themes"), ("order", "name", "parent"), ("name",),
                form_kwarg="plan"),
        Section("prioriteiten", Priority, PriorityForm, "plan", _("Priorities"),
                ("number", "code", "short_title", "kind", "domain", "theme", "protection"),
                ("code", "short_title", "heading_title", "rationale"), form_kwarg="plan", sort_default="number",
                extra_sorts=("short_title", "kind")),
        Section("indicatoren", Indicator, IndicatorForm, "plan", _("Indicators"),
                ("code", "name", "priority", "unit", "direction", "baseline_value", "is_sample"),
                ("code", "name", "description"), form_kwarg="plan", formset_class=TargetFormSet),
        Section("kerncijfers", KeyFigure, KeyFigureForm, "plan", _("Key figures"),
                ("order", "label", "value_text", "unit", "year"), ("label",)),
        Section("financien", FinancialLine, FinancialLineForm, "plan", _("Multi-year financial plan"),
                ("year", "label", "category", "kind", "amount", "is_sample"), ("label",), form_kwarg="plan",
                sort_default="year"),
        Section("personeel", StaffTable, StaffTableForm, "plan", _("Staff tables"),
                ("reference_date", "title", "printed_total", "is_sample"), ("title", "source"),
                formset_class=StaffLineFormSet, sort_default="reference_date"),
        Section("actieplannen", ActionPlan, ActionPlanForm, "priority", _("Action plans"),
                ("year", "title", "status", "responsible_unit", "is_sample"), ("title", "summary"),
                form_kwarg="plan", sort_default="year"),
        Section("doelstellingen", Objective, ObjectiveForm, "action_plan", _("Objectives"), ("order", "title"),
                ("title",)),
        Section("acties", Action, ActionForm, "objective", _("Actions"),
                ("order", "title", "status", "responsible_unit", "end_date"), ("title", "responsible_unit")),
        Section("mijlpalen", Milestone, MilestoneForm, "action_plan", _("Milestones"),
                ("due_date", "title", "reached_on"), ("title",), sort_default="due_date"),
        Section("reeksen", StatSeries, StatSeriesForm, "zone", _("Statistical series"),
                ("name", "kind", "municipality", "unit", "is_sample"), ("name", "question"), form_kwarg="zone",
                formset_class=StatPointFormSet, sort_default="name"),
        Section("misdrijfcategorieen", CrimeCategory, CrimeCategoryForm, "zone", _("The zone's own crime categories"),
                ("code", "name", "parent", "maps_to"), ("code", "name"), form_kwarg="zone", sort_default="name"),
    ]
}  # fmt: skip

SECTION_BY_MODEL = {s.model: s for s in SECTIONS.values()}
PLAN_SECTIONS = [s for s in SECTIONS.values() if s.parent_field == "plan"]
