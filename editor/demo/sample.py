"""Sample data that the demo adds to the real plans: voorbeeldgegevens.

The seeds hold no yearly action plans, indicator values, statistics or budget
figures, yet every screen needs some to show. What is made here is invented,
generated from a fixed seed (so every run gives the same numbers), and every
row carries ``is_sample=True`` so that screens and reports label it.
"""

import random
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from actionplans.models import Action, ActionPlan, Milestone, Objective
from core.base import Protection
from editor.demo import statistics
from editor.demo.rows import SAMPLE_NOTE, upsert
from plans.models import Plan
from priorities.models import Priority
from stats.models import (
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)
from stats.status import Direction
from zones.models import PoliceZone

# Per zone slug and plan (kind, first year): priority number -> indicators.
# Each indicator: (code, name, unit, direction, source, linked series code or None,
#                  baseline, yearly change %, protection)
INDICATORS = {
    ("gent", "zvp", 2020): {
        2: [
            (
                "I2-1",
                "Geregistreerde fietsdiefstallen",
                "feiten",
                Direction.DOWN,
                "police",
                "fietsdiefstal",
                None,
                -4,
                "public",
            )
        ],
        9: [
            (
                "I9-1",
                "Letselongevallen",
                "ongevallen",
                Direction.DOWN,
                "police",
                "acc:injury",
                None,
                -3,
                "public",
            ),
            (
                "I9-2",
                "Verkeerscontroles met focus op zwakke weggebruikers",
                "controles",
                Direction.UP,
                "own",
                None,
                420,
                6,
                "public",
            ),
        ],
        12: [("I12-1", "IFG-dossiers opgevolgd binnen 30 dagen", "%", Direction.UP, "own", None, 71, 3, "public")],
        19: [("I19-1", "Inwoners die hun wijkinspecteur kennen", "%", Direction.UP, "monitor", None, 28, 4, "public")],
        30: [
            (
                "I30-1",
                "Medewerkers gewond bij geweld tegen politie",
                "medewerkers",
                Direction.DOWN,
                "own",
                None,
                64,
                -5,
                "restricted",
            )
        ],
        39: [
            (
                "B39-1",
                "Geregistreerde woninginbraken",
                "feiten",
                Direction.DOWN,
                "police",
                "woninginbraak",
                None,
                -5,
                "public",
            ),
            ("B39-2", "Inbraakpreventieadviezen bij burgers", "adviezen", Direction.UP, "own", None, 350, 8, "public"),
        ],
        49: [
            (
                "B49-1",
                "Processen-verbaal drugsbezit in het uitgaansleven",
                "pv's",
                Direction.UP,
                "police",
                None,
                480,
                5,
                "public",
            )
        ],
    },
    ("leuven", "zvp", 2020): {
        2: [
            (
                "P2-1",
                "Geregistreerde woninginbraken",
                "feiten",
                Direction.DOWN,
                "police",
                "woninginbraak",
                None,
                -4,
                "public",
            )
        ],
        4: [
            (
                "P4-1",
                "Letselongevallen",
                "ongevallen",
                Direction.DOWN,
                "police",
                "acc:injury",
                None,
                -3,
                "public",
            )
        ],
        5: [
            (
                "P5-1",
                "Geregistreerde fietsdiefstallen",
                "feiten",
                Direction.DOWN,
                "police",
                "fietsdiefstal",
                None,
                -5,
                "public",
            ),
            ("P5-2", "Fietsen geregistreerd met graveercode", "fietsen", Direction.UP, "own", None, 1800, 10, "public"),
        ],
    },
    ("herko", "zvp", 2014): {
        1: [("P1-1", "Geregistreerde woninginbraken", "feiten", Direction.DOWN, "police", None, 260, -5, "public")],
        2: [("P2-1", "Letselongevallen", "ongevallen", Direction.DOWN, "police", None, 210, -3, "public")],
    },
    ("herko", "addendum", 2018): {
        1: [
            (
                "A1-1",
                "Opgevolgde signalen van radicalisering",
                "signalen",
                Direction.UP,
                "own",
                None,
                12,
                10,
                "restricted",
            )
        ],
    },
}

OBJECTIVES = [
    (
        "Het aantal feiten terugdringen ten opzichte van het vorige jaar",
        ["Gerichte acties op hotspots", "Sensibiliseringscampagne met de stad", "Analyse van modus operandi"],
    ),
    (
        "De samenwerking met de partners structureel verankeren",
        ["Overleg met partners organiseren", "Gezamenlijke controles uitvoeren"],
    ),
]
UNITS = ["Wijkdienst", "Lokale recherche", "Verkeersdienst", "Interventiedienst", "Bureau Beleidsondersteuning"]

# Sample multi-year financial plan (EUR), per zone slug: (label, category, level, municipality nis or None).
FINANCE = {
    "gent": [
        ("Personeelsuitgaven", "personnel", 98_000_000, None),
        ("Werkingsuitgaven", "operating", 14_500_000, None),
        ("Investeringen", "investment", 6_200_000, None),
        ("Federale dotaties", "income", 41_000_000, None),
        ("Dotatie Stad Gent", "dotation", 76_500_000, "44021"),
        ("Eigen ontvangsten", "income", 1_800_000, None),
    ],
    "herko": [
        ("Personeelsuitgaven", "personnel", 7_900_000, None),
        ("Werkingsuitgaven", "operating", 1_300_000, None),
        ("Federale dotaties", "income", 3_600_000, None),
        ("Dotatie Herent", "dotation", 2_900_000, "24038"),
        ("Dotatie Kortenberg", "dotation", 2_700_000, "24055"),
    ],
}


def _rng(*parts) -> random.Random:
    return random.Random("|".join(str(p) for p in parts))


def _upsert(model, lookup, values):
    return upsert(model, lookup, {**values, "is_sample": True})


def load_samples():
    categories = statistics.load_categories()
    series = {}
    for zone in PoliceZone.objects.filter(slug__in=statistics.ZONE_SERIES):
        series[zone.slug] = statistics.load_series(zone, categories)
    for (slug, kind, start), by_priority in INDICATORS.items():
        plan = Plan.objects.filter(zone__slug=slug, kind=kind, period_start=start).first()
        if plan is None:
            continue
        for number, specs in by_priority.items():
            priority = Priority.objects.get(plan=plan, number=number)
            for order, spec in enumerate(specs, start=1):
                _load_indicator(plan, priority, order, spec, series.get(slug, {}))
            for year in plan.years:
                _load_action_plan(priority, year)
    for slug, lines in FINANCE.items():
        plan = Plan.objects.filter(zone__slug=slug).order_by("-period_start").first()
        _load_finance(plan, lines)


def _load_indicator(plan, priority, order, spec, series_by_code):
    code, name, unit, direction, source, series_code, baseline, change, protection = spec
    series = series_by_code.get(series_code) if series_code else None
    baseline_year = plan.period_start - 1
    if series is not None:
        point = series.points.filter(year=baseline_year).first()
        baseline = point.value if point else baseline
    indicator = _upsert(
        Indicator,
        {"plan": plan, "code": code},
        {
            "priority": priority,
            "name": name,
            "unit": unit,
            "direction": direction,
            "source": source,
            "source_detail": SAMPLE_NOTE,
            "baseline_year": baseline_year,
            "baseline_value": Decimal(baseline),
            "series": series,
            "order": order,
            "protection": protection,
            "description": f"Voorbeeldindicator bij '{priority.short_title}' ({SAMPLE_NOTE}).",
        },
    )
    rng = _rng(plan.pk, code)
    measured = dict(series.points.values_list("year", "value")) if series is not None else {}
    last_year = max(plan.years)
    for step, year in enumerate(plan.years, start=1):
        target = Decimal(baseline) * Decimal(1 + change / 100) ** step
        _upsert(IndicatorTarget, {"indicator": indicator, "year": year}, {"value": round(target, 0), "note": ""})
        value = measured.get(year)
        if value is None:
            # Around the target, sometimes better, sometimes worse.
            value = round(target * Decimal(1 + rng.uniform(-0.12, 0.12)), 0)
        approved = year < last_year
        approved_at = timezone.make_aware(datetime.combine(date(year + 1, 3, 15), time(10)))
        _upsert(
            IndicatorValue,
            {"indicator": indicator, "year": year},
            {
                "value": Decimal(value),
                "note": SAMPLE_NOTE,
                "approved_at": approved_at if approved else None,
            },
        )


def _load_action_plan(priority, year):
    rng = _rng(priority.pk, year)
    last = max(priority.plan.years)
    status = ActionPlan.Status.COMPLETED if year < last else ActionPlan.Status.ACTIVE
    action_plan = _upsert(
        ActionPlan,
        {"priority": priority, "year": year},
        {
            "title": f"Actieplan {year}: {priority.short_title}",
            "summary": f"Jaarlijks actieplan ({SAMPLE_NOTE}).",
            "responsible_unit": UNITS[priority.number % len(UNITS)],
            "status": status,
            "protection": Protection.PUBLIC,
        },
    )
    for o_order, (objective_title, actions) in enumerate(OBJECTIVES, start=1):
        objective = _upsert(
            Objective,
            {"action_plan": action_plan, "order": o_order},
            {
                "title": objective_title,
                "description": f"SMART-doelstelling {year} ({SAMPLE_NOTE}).",
            },
        )
        for a_order, title in enumerate(actions, start=1):
            if year < last:
                action_status = rng.choices(
                    [Action.Status.DONE, Action.Status.DELAYED, Action.Status.CANCELLED], weights=[8, 2, 1]
                )[0]
            else:
                action_status = rng.choice([Action.Status.DONE, Action.Status.IN_PROGRESS, Action.Status.PLANNED])
            planned = Decimal(rng.randrange(40, 400, 10))
            spent = None
            if action_status != Action.Status.PLANNED:
                spent = (planned * Decimal(rng.uniform(0.6, 1.2))).quantize(Decimal("1"))
            _upsert(
                Action,
                {"objective": objective, "order": a_order},
                {
                    "title": title,
                    "responsible_unit": UNITS[(priority.number + a_order) % len(UNITS)],
                    "partners": "Stad, parket" if a_order == 2 else "",
                    "start_date": date(year, 1 + 3 * (a_order - 1), 1),
                    "end_date": date(year, 12, 31),
                    "status": action_status,
                    "planned_hours": planned,
                    "spent_hours": spent,
                    "budget": Decimal(rng.randrange(0, 25_000, 500)),
                },
            )
    for m_order, month in enumerate((6, 12), start=1):
        due = date(year, month, 30 if month == 6 else 31)
        _upsert(
            Milestone,
            {"action_plan": action_plan, "title": f"Tussentijdse evaluatie {m_order}"},
            {
                "due_date": due,
                "reached_on": due if year < last else None,
            },
        )


def _load_finance(plan, lines):
    from zones.models import Municipality

    for year in plan.years:
        rng = _rng(plan.pk, year)
        kind = FinancialLine.Kind.ACTUAL if year < 2024 else FinancialLine.Kind.BUDGET
        for order, (label, category, level, nis) in enumerate(lines, start=1):
            grown = Decimal(level) * Decimal("1.025") ** (year - plan.period_start)
            amount = (grown * Decimal(1 + rng.uniform(-0.02, 0.02))).quantize(Decimal("1000"))
            _upsert(
                FinancialLine,
                {"plan": plan, "year": year, "kind": kind, "label": label},
                {
                    "category": category,
                    "amount": amount,
                    "order": order,
                    "municipality": Municipality.objects.get(nis_code=nis) if nis else None,
                },
            )
