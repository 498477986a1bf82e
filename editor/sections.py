"""The parts of a plan that the editor lists, adds, changes and deletes with one set of views.

Each section names its model, its form, the row it hangs under (a plan, a
priority, an action plan, an objective or a zone) and the columns of its
list. The generic views in editor.views.sections do the rest: access through
core.access, optimistic locking, history, confirmation before deleting.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from actionplans.filtersets import ActionFilterSet, ActionPlanFilterSet, MilestoneFilterSet, ObjectiveFilterSet
from actionplans.forms import ActionForm, ActionPlanForm, MilestoneForm, ObjectiveForm
from actionplans.models import Action, ActionPlan, Milestone, Objective
from plans.filtersets import (
    ChapterFilterSet,
    FrameworkFilterSet,
    PlanValueFilterSet,
    SignatoryFilterSet,
    StakeholderExpectationFilterSet,
)
from plans.forms import ChapterForm, FrameworkForm, PlanValueForm, SignatoryForm, StakeholderExpectationForm
from plans.models import Chapter, Framework, Plan, PlanValue, Signatory, StakeholderExpectation
from priorities.filtersets import DomainFilterSet, PriorityFilterSet, ThemeFilterSet
from priorities.forms import DomainForm, PriorityForm, ThemeForm
from priorities.models import Domain, Priority, Theme
from stats.filtersets import (
    CrimeCategoryFilterSet,
    FinancialLineFilterSet,
    IndicatorFilterSet,
    KeyFigureFilterSet,
    StaffTableFilterSet,
    StatSeriesFilterSet,
)
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
    # The FilterSet the API uses for this model: the editor's list searches, filters and sorts with it too.
    filterset_class: type | None = None
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
                ChapterFilterSet),
        Section("waarden", PlanValue, PlanValueForm, "plan", _("Values"), ("order", "name"), PlanValueFilterSet),
        Section("verwachtingen", StakeholderExpectation, StakeholderExpectationForm, "plan",
                _("Stakeholder expectations"), ("order", "role", "name", "protection"),
                StakeholderExpectationFilterSet),
        Section("ondertekenaars", Signatory, SignatoryForm, "plan", _("Signatories"),
                ("order", "name", "role", "signed_on"), SignatoryFilterSet),
        Section("domeinen", Domain, DomainForm, "plan", _("Domains"), ("order", "code", "name"), DomainFilterSet),
        Section("themas", Theme, ThemeForm, "plan", _("Themes"), ("order", "name", "parent"), ThemeFilterSet,
                form_kwarg="plan"),
        Section("prioriteiten", Priority, PriorityForm, "plan", _("Priorities"),
                ("number", "code", "short_title", "kind", "domain", "theme", "protection"),
                PriorityFilterSet, form_kwarg="plan", sort_default="number",
                extra_sorts=("short_title", "kind")),
        Section("indicatoren", Indicator, IndicatorForm, "plan", _("Indicators"),
                ("code", "name", "priority", "unit", "direction", "baseline_value", "is_sample"),
                IndicatorFilterSet, form_kwarg="plan", formset_class=TargetFormSet),
        Section("kerncijfers", KeyFigure, KeyFigureForm, "plan", _("Key figures"),
                ("order", "label", "value_text", "unit", "year"), KeyFigureFilterSet),
        Section("financien", FinancialLine, FinancialLineForm, "plan", _("Multi-year financial plan"),
                ("year", "label", "category", "kind", "amount", "is_sample"), FinancialLineFilterSet, form_kwarg="plan",
                sort_default="year"),
        Section("personeel", StaffTable, StaffTableForm, "plan", _("Staff tables"),
                ("reference_date", "title", "printed_total", "is_sample"), StaffTableFilterSet,
                formset_class=StaffLineFormSet, sort_default="reference_date"),
        Section("actieplannen", ActionPlan, ActionPlanForm, "priority", _("Action plans"),
                ("year", "title", "status", "responsible_unit", "is_sample"), ActionPlanFilterSet,
                form_kwarg="plan", sort_default="year"),
        Section("doelstellingen", Objective, ObjectiveForm, "action_plan", _("Objectives"), ("order", "title"),
                ObjectiveFilterSet),
        Section("acties", Action, ActionForm, "objective", _("Actions"),
                ("order", "title", "status", "responsible_unit", "end_date"), ActionFilterSet),
        Section("mijlpalen", Milestone, MilestoneForm, "action_plan", _("Milestones"),
                ("due_date", "title", "reached_on"), MilestoneFilterSet, sort_default="due_date"),
        Section("reeksen", StatSeries, StatSeriesForm, "zone", _("Statistical series"),
                ("name", "kind", "municipality", "unit", "is_sample"), StatSeriesFilterSet, form_kwarg="zone",
                formset_class=StatPointFormSet, sort_default="name"),
        # A zone's own policy frameworks (COL circulars, the KIV, regional plans) that its priorities answer.
        Section("kaders", Framework, FrameworkForm, "zone", _("Policy frameworks"), ("code", "title", "issuer"),
                FrameworkFilterSet, sort_default="code"),
        Section("misdrijfcategorieen", CrimeCategory, CrimeCategoryForm, "zone",
                _("The zone's own crime categories"), ("code", "name", "parent", "maps_to"), CrimeCategoryFilterSet,
                form_kwarg="zone", sort_default="name"),
    ]
}  # fmt: skip

SECTION_BY_MODEL = {s.model: s for s in SECTIONS.values()}
PLAN_SECTIONS = [s for s in SECTIONS.values() if s.parent_field == "plan"]
