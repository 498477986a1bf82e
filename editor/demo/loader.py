"""Builds the demo zones from the real public plans in ``editor/demo/*.json``.

The JSON files hold what the seeds (shared/seeds) print, copied exactly; the
sample data that the demo adds on top (action plans, indicator values,
statistics) comes from ``editor/demo/sample.py`` and is flagged ``is_sample``.

Idempotent: every row is found by its natural key and saved only when a field
differs, so a second run changes nothing (and writes no history).
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.html import escape

from actionplans.models import Action, ActionPlan, Milestone, Objective
from core.html import sanitize_html
from editor.demo import sample
from editor.demo.rows import prune, upsert
from plans.models import Chapter, Framework, Plan, PlanValue, Signatory, StakeholderExpectation
from priorities.models import Domain, Priority, Theme
from stats.models import (
    PRINTED_TOTAL_FIELDS,
    CrimeCategory,
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    KeyFigure,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
    SurveyResponse,
)
from zones.models import Municipality, PoliceZone, SubMunicipality

DEMO_DIR = Path(__file__).resolve().parent
ZONE_FILES = ("leuven.json", "gent.json", "herko.json")

# The real plans in the demo are all published versions.
DEMO_PLAN_STATUS = Plan.Status.PUBLISHED

COUNTED_MODELS = (
    PoliceZone,
    Municipality,
    SubMunicipality,
    Plan,
    PlanValue,
    Chapter,
    StakeholderExpectation,
    Signatory,
    Framework,
    Domain,
    Theme,
    Priority,
    ActionPlan,
    Objective,
    Action,
    Milestone,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    CrimeCategory,
    StatSeries,
    StatPoint,
    SurveyResponse,
    StaffTable,
    StaffLine,
    FinancialLine,
    KeyFigure,
)


def _text(value) -> str:
    return value or ""


def _date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in COUNTED_MODELS}


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load (or bring up to date) the three demo zones; returns row counts per model."""
    for name in ZONE_FILES:
        data = json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))
        zone = _load_zone(data["zone"])
        plans_by_key = {}
        for plan_data in data["plans"]:
            plans_by_key[plan_data["key"]] = _load_plan(zone, plan_data, plans_by_key, data["zone"].get("source_note"))
    sample.load_samples()
    return counts()


def _load_zone(data) -> PoliceZone:
    zone = upsert(
        PoliceZone,
        {"slug": data["slug"]},
        {
            "name": data["name"],
            "number": data["number"],
            "long_name": _text(data.get("long_name")),
            "website": _text(data.get("website")),
            "area_km2": _decimal(data.get("area_km2")),
            "korpschef": _text(data.get("korpschef")),
            "kind": PoliceZone.Kind.SINGLE if len(data["municipalities"]) == 1 else PoliceZone.Kind.MULTI,
            # The source note is internal (where the demo's content comes from): never the zone's public text.
            "description": "",
        },
    )
    for m in data["municipalities"]:
        municipality = upsert(
            Municipality,
            {"nis_code": m["nis_code"]},
            {
                "zone": zone,
                "name": m["name"],
                "population": m.get("population"),
                "population_date": _date(m.get("population_date")),
                "area_km2": _decimal(m.get("area_km2")),
                "mayor": _text(m.get("mayor")),
            },
        )
        for sub in m.get("sub_municipalities") or []:
            upsert(SubMunicipality, {"municipality": municipality, "name": sub}, {})
    return zone


def _load_plan(zone, data, plans_by_key, source_note=None) -> Plan:
    plan = upsert(
        Plan,
        {"zone": zone, "kind": data["kind"], "period_start": data["period_start"], "period_end": data["period_end"]},
        {
            "title": data["title"],
            "extends": plans_by_key.get(data.get("extends")),
            "status": DEMO_PLAN_STATUS,
            "council_approved_on": _date(data.get("council_approved_on")),
            "minister_approved_on": _date(data.get("minister_approved_on")),
            "foreword": _text(data.get("foreword")),
            "foreword_author": _text(data.get("foreword_author")),
            "closing_word": _text(data.get("closing_word")),
            "closing_word_author": _text(data.get("closing_word_author")),
            "mission": _text(data.get("mission")),
            "vision": _text(data.get("vision")),
            "source_note": _text(source_note)[:300],
        },
    )
    prune(
        plan.values.all(),
        [
            upsert(PlanValue, {"plan": plan, "order": i}, {"name": name}).pk
            for i, name in enumerate(data.get("values") or [], start=1)
        ],
    )
    prune(
        plan.chapters.all(),
        [
            upsert(
                Chapter,
                {"plan": plan, "order": i},
                {
                    "kind": c["kind"],
                    "title": c["title"],
                    "body": _paragraphs_to_html(c["body"]),
                    "protection": c.get("protection", "public"),
                },
            ).pk
            for i, c in enumerate(data.get("chapters") or [], start=1)
        ],
    )
    stakeholders = [
        upsert(
            StakeholderExpectation,
            {"plan": plan, "order": i},
            {
                "role": s["role"],
                "name": _text(s.get("name")),
                "expectations": s["expectations"],
            },
        )
        for i, s in enumerate(data.get("stakeholders") or [], start=1)
    ]
    prune(plan.stakeholder_expectations.all(), [s.pk for s in stakeholders])
    prune(
        plan.signatories.all(),
        [
            upsert(
                Signatory,
                {"plan": plan, "order": i},
                {
                    "name": s["name"],
                    "role": s["role"],
                    "signed_on": _date(s.get("signed_on")),
                },
            ).pk
            for i, s in enumerate(data.get("signatories") or [], start=1)
        ],
    )
    frameworks = {}
    for f in data.get("frameworks") or []:
        framework, _created = Framework.objects.get_or_create(code=f["code"], defaults={"title": f["title"]})
        frameworks[f["code"]] = framework

    domains = {
        d["code"]: upsert(
            Domain,
            {"plan": plan, "code": d["code"]},
            {
                "name": d["name"],
                "description": _text(d.get("description")),
                "order": i,
            },
        )
        for i, d in enumerate(data.get("domains") or [], start=1)
    }
    prune(plan.domains.all(), [d.pk for d in domains.values()])
    themes = {}
    _load_themes(plan, data.get("themes") or [], None, (), themes)
    prune(plan.themes.all(), [t.pk for t in themes.values()])

    priorities = []
    for p in data.get("priorities") or []:
        approach = p.get("approach") or {}
        priority = upsert(
            Priority,
            {"plan": plan, "number": p["number"]},
            {
                "code": _text(p.get("code")),
                "kind": p["kind"],
                "domain": domains.get(p.get("domain")),
                "theme": themes.get(tuple(p.get("theme_path") or ())),
                "short_title": p["short_title"],
                "heading_title": _text(p.get("heading_title")),
                "rationale": _text(p.get("rationale")),
                "target_group": _text(p.get("target_group")),
                "partners": _text(p.get("partners")),
                "owner_unit": _text(p.get("owner_unit")),
                "strategic_objective": _text(p.get("objectives_text")),
                "approach_advise": _text(approach.get("raadgeven")),
                "approach_deter": _text(approach.get("ontraden")),
                "approach_enforce": _text(approach.get("reguleren")),
                "approach_investigate": _text(approach.get("onderzoeken")),
                "approach_aftercare": _text(approach.get("nazorg")),
                "protection": p.get("protection", "public"),
            },
        )
        roles = set(p.get("stakeholder_roles") or [])
        priority.stakeholder_expectations.set([s for s in stakeholders if s.role in roles])
        priority.frameworks.set([frameworks[c] for c in p.get("framework_codes") or [] if c in frameworks])
        priorities.append(priority.pk)
    prune(plan.priorities.all(), priorities)

    _load_staff(plan, data.get("staff"))
    prune(
        plan.financial_lines.filter(is_sample=False),
        [
            upsert(
                FinancialLine,
                {"plan": plan, "year": f["year"], "kind": f["kind"], "label": f["line"]},
                {
                    "category": f.get("category", FinancialLine.Category.OTHER_EXPENSE),
                    "amount": _decimal(f["amount"]),
                    "order": i,
                },
            ).pk
            for i, f in enumerate(data.get("finance") or [], start=1)
        ],
    )
    prune(
        plan.key_figures.all(),
        [
            upsert(
                KeyFigure,
                {"plan": plan, "label": k["label"]},
                {
                    "value": _decimal(k["value"]) if isinstance(k["value"], (int, float)) else None,
                    "value_text": _format_figure(k["value"]),
                    "unit": _text(k.get("unit")),
                    "year": k.get("year"),
                    "order": i,
                },
            ).pk
            for i, k in enumerate(data.get("key_figures") or [], start=1)
        ],
    )
    return plan


def _load_themes(plan, nodes, parent, path, themes):
    for i, node in enumerate(nodes, start=1):
        node_path = (*path, node["name"])
        theme = upsert(Theme, {"plan": plan, "parent": parent, "name": node["name"]}, {"order": i})
        themes[node_path] = theme
        _load_themes(plan, node.get("children") or [], theme, node_path, themes)


def _load_staff(plan, staff):
    if not staff:
        prune(plan.staff_tables.filter(is_sample=False), [])
        return
    # The totals the plan prints, per group ('operational', 'calog', 'total') and column, e.g. Leuven's
    # "412 medewerkers, waarvan 333 operationele en 79 CALOG-medewerkers".
    printed = {
        PRINTED_TOTAL_FIELDS[group, figure]: _decimal(value) if figure == "fte" else value
        for group, columns in (staff.get("printed_totals") or {}).items()
        for figure, value in columns.items()
    }
    table = upsert(
        StaffTable,
        {"plan": plan, "reference_date": _date(staff.get("reference_date"))},
        {
            "title": "",
            "source": staff.get("source", "")[:300],
            **{field: printed.get(field) for field in PRINTED_TOTAL_FIELDS.values()},
        },
    )
    prune(plan.staff_tables.filter(is_sample=False), [table.pk])
    prune(
        table.lines.all(),
        [
            upsert(
                StaffLine,
                {"table": table, "category": line["category"], "label": line["label"]},
                {
                    "actual": line.get("actual"),
                    "fte": _decimal(line.get("fte")),
                    "authorised": line.get("authorised"),
                    "order": i,
                },
            ).pk
            for i, line in enumerate(staff["lines"], start=1)
        ],
    )


def _format_figure(value) -> str:
    """A figure as a Dutch reader writes it: 265000 -> '265.000'."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


def _paragraphs_to_html(text: str) -> str:
    """Plain paragraphs as the HTML a chapter stores (sanitised, so a reload compares equal)."""
    return sanitize_html("".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip()))
