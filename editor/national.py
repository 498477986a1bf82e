"""A synthetic national data set for measuring the portal at the scale of the whole country.

About 185 police zones with their municipalities, one published six-year plan each with about 60
priorities (3 indicators each, yearly targets and values) and ten years of crime figures per
municipality in 50 categories. Everything is invented and says so: ``is_sample`` is on wherever the
model has it, and names, descriptions and notes say "synthetisch". Every row is written with
``bulk_create`` (history rows too, through ``bulk_create_with_history``): no per-row save.

Used by ``manage.py generate_national_dataset`` and by the benchmarks (``make bench``).
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from plans.models import Plan
from priorities.models import Domain, Priority, Theme
from stats.models import CrimeCategory, Indicator, IndicatorTarget, IndicatorValue, StatPoint, StatSeries
from zones.models import Municipality, PoliceZone

# Generated zones are recognised by this slug prefix; any other zone is real data.
SLUG_PREFIX = "synth-"
CATEGORY_PREFIX = "synth-"
MARK = "synthetisch"
SOURCE = "Synthetische gegevens (generate_national_dataset), geen echte cijfers"
DEFAULT_ZONES = 185
PRIORITIES_PER_PLAN = 60
INDICATORS_PER_PRIORITY = 3
CATEGORIES = 50
PLAN_START, PLAN_END = 2020, 2025
STAT_YEARS = range(2015, 2025)  # ten years of crime figures
VALUE_YEARS = range(PLAN_START, PLAN_END)  # measured until the year before the plan ends
BATCH = 2000
# The average zone has about 3.4 municipalities (185 zones, ~620 municipalities in Belgium).
MUNICIPALITY_COUNTS = (1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6)

_STARTS = (
    "Sint-",
    "Oost",
    "West",
    "Noord",
    "Zuid",
    "Neer",
    "Over",
    "Oud-",
    "Groot-",
    "Klein-",
    "Ber",
    "Has",
    "Lo",
    "Wer",
    "Ever",
    "Zand",
    "Bor",
    "Mal",
    "Her",
    "Kort",
    "Lang",
    "Maas",
    "Dil",
    "Ter",
    "Wes",
    "Hoog",
    "Roe",
)
_STEMS = (
    "beek",
    "bergen",
    "dorp",
    "gem",
    "hout",
    "kerke",
    "lede",
    "rode",
    "zele",
    "dijk",
    "laar",
    "mechelen",
    "broek",
    "hem",
    "voorde",
    "loo",
    "donk",
    "wijk",
    "straten",
    "elst",
    "ingen",
    "akker",
    "heide",
    "meer",
)
_WALLOON = (
    "Mont-",
    "Saint-",
    "Fontaine-",
    "Braine-",
    "Villers-",
    "Ham-",
    "Mar",
    "Flo",
    "Chau",
    "Wa",
    "Ro",
    "Neuf",
)
_WALLOON_STEMS = ("court", "ville", "mont", "champs", "rieux", "sart", "fontaine", "bois", "chêne", "près", "ry")
# Province digit of the NIS code; Walloon provinces get French-looking names.
_PROVINCES = (1, 2, 3, 4, 7, 2, 5, 6, 8, 9)
_WALLOON_PROVINCES = {5, 6, 8, 9}
_DOMAINS = ("Veiligheid en leefbaarheid", "Verkeersveiligheid", "Georganiseerde criminaliteit", "Bedrijfsvoering")
_THEMES = (
    "Woninginbraken",
    "Drugs",
    "Intrafamiliaal geweld",
    "Overlast",
    "Fietsdiefstal",
    "Verkeer en snelheid",
    "Cybercriminaliteit",
    "Radicalisering",
    "Mensenhandel",
    "Jeugdcriminaliteit",
    "Diefstal met geweld",
    "Personeel en welzijn",
)
_CRIME = (
    "Diefstal en afpersing",
    "Woninginbraak",
    "Fietsdiefstal",
    "Autodiefstal",
    "Diefstal uit voertuig",
    "Winkeldiefstal",
    "Zakkenrollerij",
    "Diefstal met geweld",
    "Vandalisme",
    "Graffiti",
    "Drugsbezit",
    "Drugshandel",
    "Fraude",
    "Oplichting",
    "Internetfraude",
    "Slagen en verwondingen",
    "Intrafamiliaal geweld",
    "Bedreiging",
    "Belaging",
    "Seksuele misdrijven",
    "Verkrachting",
    "Openbare zeden",
    "Wapens en springstoffen",
    "Brandstichting",
    "Heling",
    "Valsheid in geschriften",
    "Witwassen",
    "Mensenhandel",
    "Mensensmokkel",
    "Sluikstorten",
    "Milieu",
    "Dierenwelzijn",
    "Openbare orde",
    "Overlast",
    "Geluidshinder",
    "Rebellie",
    "Stalking online",
    "Phishing",
    "Identiteitsfraude",
    "Bankkaartfraude",
    "Inbraak in bedrijf",
    "Inbraak in voertuig",
    "Diefstal van nummerplaat",
    "Motordiefstal",
    "Diefstal van brandstof",
    "Beschadiging van voertuig",
    "Racisme en discriminatie",
    "Hooliganisme",
    "Jeugdbescherming",
    "Andere feiten",
)


@dataclass
class Counts:
    rows: dict = field(default_factory=dict)

    def add(self, label, n):
        self.rows[label] = self.rows.get(label, 0) + n


class DatasetRefused(Exception):
    """The database holds data the generator did not make (or an earlier generated set)."""


def real_zones():
    return PoliceZone.objects.exclude(slug__startswith=SLUG_PREFIX)


def check_database(allow_existing_data: bool) -> None:
    real = list(real_zones().values_list("name", flat=True)[:5])
    if real and not allow_existing_data:
        raise DatasetRefused(
            "The database holds police zones the generator did not make ("
            + ", ".join(real)
            + ", ...). Refusing to add synthetic data to real data; pass --allow-existing-data to do it anyway."
        )
    if PoliceZone.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise DatasetRefused("The database already holds a generated data set (zones 'synth-...'); use a fresh one.")


def generate(zones: int = DEFAULT_ZONES, seed: int = 2024, allow_existing_data: bool = False, log=None) -> dict:
    """Write the data set for *zones* zones; returns the number of rows made per model."""
    check_database(allow_existing_data)
    rng = random.Random(seed)
    counts = Counts()
    say = log or (lambda message: None)
    with transaction.atomic():
        categories = _categories(counts)
        zone_objs, municipalities = _zones(rng, zones, counts)
        say(f"{len(zone_objs)} zones, {len(municipalities)} municipalities")
        series = _statistics(rng, municipalities, categories, counts)
        say(f"{counts.rows['series']} series, {counts.rows['points']} points")
        plans = _plans(zone_objs, counts)
        _plan_content(rng, plans, series, counts)
        say(f"{counts.rows['priorities']} priorities, {counts.rows['indicators']} indicators")
    return counts.rows


def _bulk(model, objs, counts: Counts, label: str, history: bool = True):
    if history:
        made = bulk_create_with_history(objs, model, batch_size=BATCH, default_change_reason=MARK)
    else:
        made = model.objects.bulk_create(objs, batch_size=BATCH)
    counts.add(label, len(objs))
    return made


def _categories(counts: Counts) -> list:
    existing = {c.code: c for c in CrimeCategory.objects.filter(code__startswith=CATEGORY_PREFIX)}
    new = [
        CrimeCategory(code=f"{CATEGORY_PREFIX}{n:02d}", name=f"{name} ({MARK})", order=2000 + n)
        for n, name in enumerate(_CRIME[:CATEGORIES], start=1)
        if f"{CATEGORY_PREFIX}{n:02d}" not in existing
    ]
    _bulk(CrimeCategory, new, counts, "crime categories", history=False)
    return list(CrimeCategory.objects.filter(code__startswith=CATEGORY_PREFIX).order_by("order"))


def _place_name(rng, province: int, taken: set) -> str:
    starts, stems = (_WALLOON, _WALLOON_STEMS) if province in _WALLOON_PROVINCES else (_STARTS, _STEMS)
    for attempt in range(1000):
        name = rng.choice(starts) + rng.choice(stems)
        name = name[0].upper() + name[1:]
        if attempt > 50:
            name += f" {attempt}"
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError("no free municipality name")


def _zones(rng, zones: int, counts: Counts):
    used_numbers = set(PoliceZone.objects.exclude(number=None).values_list("number", flat=True))
    used_nis = set(Municipality.objects.values_list("nis_code", flat=True))
    used_names = set(PoliceZone.objects.values_list("name", flat=True))
    numbers = iter(n for n in range(5001, 6000) if n not in used_numbers)
    taken, zone_objs, planned = set(), [], []
    nis_next = {}
    for z in range(zones):
        province = _PROVINCES[z % len(_PROVINCES)]
        names = [_place_name(rng, province, taken) for _ in range(rng.choice(MUNICIPALITY_COUNTS))]
        zone_name = "PZ " + "/".join(names[:2])
        while zone_name in used_names:
            zone_name += "+"
        used_names.add(zone_name)
        number = next(numbers)
        zone_objs.append(
            PoliceZone(
                number=number,
                name=zone_name[:100],
                long_name=f"Politiezone {' - '.join(names)} ({MARK})"[:200],
                slug=f"{SLUG_PREFIX}{number}",
                description=f"Synthetische politiezone voor metingen op nationale schaal. {SOURCE}.",
            )
        )
        codes = []
        for _ in names:
            code = nis_next.get(province, province * 10000 + 1000)
            while f"{code:05d}" in used_nis:
                code += 1
            used_nis.add(f"{code:05d}")
            nis_next[province] = code + rng.randint(1, 9)
            codes.append(f"{code:05d}")
        planned.append(list(zip(names, codes, strict=True)))
    zone_objs = _bulk(PoliceZone, zone_objs, counts, "zones")
    municipalities = [
        Municipality(
            zone=zone,
            name=name,
            nis_code=nis,
            population=rng.randint(4000, 90000),
            population_date=date(2024, 1, 1),
            area_km2=Decimal(rng.randint(800, 15000)) / 100,
            mayor=f"Burgemeester ({MARK})",
        )
        for zone, places in zip(zone_objs, planned, strict=True)
        for name, nis in places
    ]
    return zone_objs, _bulk(Municipality, municipalities, counts, "municipalities")


def _statistics(rng, municipalities, categories, counts: Counts) -> dict:
    series = [
        StatSeries(
            zone_id=m.zone_id,
            municipality=m,
            kind=StatSeries.Kind.CRIME,
            name=category.name,
            crime_category=category,
            unit="feiten",
            source=SOURCE,
            is_sample=True,
        )
        for m in municipalities
        for category in categories
    ]
    series = _bulk(StatSeries, series, counts, "series")
    points = []
    for s in series:
        level = rng.randint(0, 400)
        for year in STAT_YEARS:
            points.append(
                StatPoint(
                    series_id=s.pk,
                    year=year,
                    value=Decimal(max(0, level + rng.randint(-30, 30))),
                    note=MARK,
                    is_sample=True,
                )
            )
        if len(points) >= 20 * BATCH:
            _bulk(StatPoint, points, counts, "points")
            points = []
    _bulk(StatPoint, points, counts, "points")
    by_zone = {}
    for s in series:
        by_zone.setdefault(s.zone_id, []).append(s)
    return by_zone


def _plans(zone_objs, counts: Counts) -> list:
    published = timezone.make_aware(datetime(PLAN_START, 3, 1))
    plans = [
        Plan(
            zone=zone,
            title=f"Zonaal veiligheidsplan {PLAN_START}-{PLAN_END} ({MARK})",
            period_start=PLAN_START,
            period_end=PLAN_END,
            status=Plan.Status.PUBLISHED,
            language="nl",
            council_approved_on=date(PLAN_START - 1, 12, 1),
            minister_approved_on=date(PLAN_START, 2, 1),
            published_at=published,
            foreword=f"Dit plan is {MARK}: het bestaat enkel om het portaal op nationale schaal te meten.",
            mission="Een veilige en leefbare zone voor iedereen.",
            vision="Een politie die dichtbij staat, informatiegestuurd werkt en samenwerkt met haar partners.",
            source_note=SOURCE,
        )
        for zone in zone_objs
    ]
    return _bulk(Plan, plans, counts, "plans")


def _plan_content(rng, plans, series_by_zone, counts: Counts) -> None:
    domains = _bulk(
        Domain,
        [
            Domain(plan=plan, code=f"D{n}", name=name, description=f"Domein ({MARK}).", order=n)
            for plan in plans
            for n, name in enumerate(_DOMAINS, start=1)
        ],
        counts,
        "domains",
    )
    themes = _bulk(
        Theme,
        [Theme(plan=plan, name=name, order=n) for plan in plans for n, name in enumerate(_THEMES, start=1)],
        counts,
        "themes",
    )
    domains_of, themes_of = {}, {}
    for d in domains:
        domains_of.setdefault(d.plan_id, []).append(d)
    for t in themes:
        themes_of.setdefault(t.plan_id, []).append(t)
    for start in range(0, len(plans), 20):  # a few plans at a time keeps memory flat
        chunk = plans[start : start + 20]
        priorities = _bulk(
            Priority, [p for plan in chunk for p in _priorities(rng, plan, domains_of, themes_of)], counts, "priorities"
        )
        indicators = _bulk(
            Indicator, [i for p in priorities for i in _indicators(rng, p, series_by_zone)], counts, "indicators"
        )
        _yearly(rng, indicators, counts)


def _priorities(rng, plan, domains_of, themes_of):
    for n in range(1, PRIORITIES_PER_PLAN + 1):
        theme = themes_of[plan.pk][(n - 1) % len(_THEMES)]
        yield Priority(
            plan=plan,
            domain=domains_of[plan.pk][(n - 1) * len(_DOMAINS) // PRIORITIES_PER_PLAN],
            theme=theme,
            code=f"P{n}",
            number=n,
            short_title=f"{theme.name} aanpakken ({n})",
            heading_title=f"Prioriteit {n}: {theme.name.lower()} terugdringen ({MARK})",
            rationale=(
                f"Uit de synthetische veiligheidsanalyse blijkt dat {theme.name.lower()} een aandachtspunt is. "
                f"Deze tekst is {MARK} en dient enkel om het portaal te meten."
            ),
            strategic_objective=f"Het aantal feiten van {theme.name.lower()} daalt tegen {PLAN_END}.",
            approach_advise="Preventie en sensibilisering met de partners.",
            approach_enforce="Gerichte controles en acties.",
            owner_unit="Recherche" if n % 2 else "Wijkwerking",
        )


def _indicators(rng, priority, series_by_zone):
    zone_series = series_by_zone.get(priority.plan.zone_id, [])
    for order in range(1, INDICATORS_PER_PRIORITY + 1):
        linked = zone_series[(priority.number * 7 + order) % len(zone_series)] if order == 1 and zone_series else None
        yield Indicator(
            plan_id=priority.plan_id,
            priority=priority,
            code=f"{priority.number}.{order}",
            name=(linked.name if linked else f"Indicator {order} van {priority.short_title}")[:300],
            description=f"Meetpunt ({MARK}).",
            unit="feiten" if order == 1 else ("%" if order == 2 else "acties"),
            direction="down" if order == 1 else "up",
            source=Indicator.Source.POLICE_REGISTRATIONS if order == 1 else Indicator.Source.OWN_RECORDS,
            source_detail=SOURCE,
            baseline_year=PLAN_START - 1,
            baseline_value=Decimal(rng.randint(20, 400)),
            series=linked,
            order=order,
            is_sample=True,
        )


def _yearly(rng, indicators, counts: Counts) -> None:
    approved = timezone.make_aware(datetime(PLAN_END, 1, 15))
    targets, values = [], []
    for ind in indicators:
        base = ind.baseline_value
        step = Decimal(-2 if ind.direction == "down" else 2)
        for k, year in enumerate(range(PLAN_START, PLAN_END + 1), start=1):
            targets.append(
                IndicatorTarget(indicator_id=ind.pk, year=year, value=base + step * k, note=MARK, is_sample=True)
            )
        for k, year in enumerate(VALUE_YEARS, start=1):
            values.append(
                IndicatorValue(
                    indicator_id=ind.pk,
                    year=year,
                    value=max(Decimal(0), base + step * k + rng.randint(-10, 10)),
                    note=MARK,
                    approved_at=approved if year < VALUE_YEARS[-1] else None,
                    is_sample=True,
                )
            )
    _bulk(IndicatorTarget, targets, counts, "targets")
    _bulk(IndicatorValue, values, counts, "values")
