"""The demo's sample statistics (voorbeeldgegevens): registered crime in the federal police's categories,
traffic accidents by type and their victims by severity, survey results per area and answer category with the
surveys' response counts. Invented, from a fixed seed, and flagged ``is_sample``."""

from __future__ import annotations

import random
from decimal import Decimal

from editor.demo.rows import SAMPLE_NOTE, prune, upsert
from stats.models import CrimeCategory, StatPoint, StatSeries, SurveyResponse
from stats.reference import load_crime_categories

# Per zone: crime series (category code -> level of the first year), last year provisional.
SERIES_YEARS = range(2016, 2026)
PROVISIONAL_YEAR = 2025
ZONE_SERIES = {
    "gent": {
        "woninginbraak": 1900,
        "fietsdiefstal": 4200,
        "diefstal-voertuig": 2300,
        "diefstal": 16500,
        "drugs": 2100,
        "ifg": 2600,
        "informatica": 900,
    },
    "leuven": {
        "woninginbraak": 520,
        "fietsdiefstal": 2600,
        "diefstal-voertuig": 480,
        "diefstal": 5200,
        "drugs": 700,
        "ifg": 650,
        "informatica": 300,
    },
    "herko": {
        "woninginbraak": 210,
        "fietsdiefstal": 90,
        "diefstal-voertuig": 120,
        "diefstal": 900,
        "drugs": 60,
        "ifg": 140,
        "informatica": 70,
    },
}
# Drugs is partitioned by its sub-categories: the demo splits its figures into them, so that they add up.
DRUG_SHARES = [("drugs-bezit", 0.62), ("drugs-handel", 0.21), ("drugs-invoer", 0.04), ("drugs-vervaardiging", 0.03)]
DRUG_REST = "drugs-andere"

# Accidents by type and victims by severity: two measures, as plans print them.
ACCIDENT_LEVELS = {
    "gent": {"material": 5200, "injury": 1150},
    "leuven": {"material": 1900, "injury": 460},
    "herko": {"material": 700, "injury": 170},
}
VICTIM_LEVELS = {
    "gent": {"killed": 8, "seriously_injured": 95, "injured": 1300},
    "leuven": {"killed": 3, "seriously_injured": 40, "injured": 520},
    "herko": {"killed": 2, "seriously_injured": 22, "injured": 190},
}

# The Veiligheidsmonitor: the zone against its province and Vlaanderen, with response counts.
MONITOR = "Veiligheidsmonitor"
SURVEY_YEARS = (2018, 2021, 2024)
PROVINCES = {
    "gent": "Provincie Oost-Vlaanderen",
    "leuven": "Provincie Vlaams-Brabant",
    "herko": "Provincie Vlaams-Brabant",
}
REGION = "Vlaanderen"
SURVEYS = [
    ("Onveiligheidsgevoel: voelt zich (soms of vaak) onveilig in de eigen buurt", "%", 14, 12, 11),
    ("Tevredenheid over de politie in de buurt", "%", 62, 61, 60),
]
RESPONSES = {"gent": 3000, "leuven": 2000, "herko": 1200}
# The Stadsmonitor: each municipality of the zone and Vlaanderen across answer categories.
CITY_MONITOR = "Stadsmonitor"
CITY_YEARS = (2017, 2020, 2023)
CITY_QUESTION = "Overlast van rondhangende jongeren in de buurt"
CITY_ANSWERS = [("veel", 9), ("neutraal", 21), ("weinig", 70)]


def rng(*parts) -> random.Random:
    return random.Random("|".join(str(p) for p in parts))


def _upsert(model, lookup, values):
    return upsert(model, lookup, {**values, "is_sample": True})


def load_categories() -> dict[str, CrimeCategory]:
    load_crime_categories(CrimeCategory)
    return {c.code: c for c in CrimeCategory.objects.national()}


def walk(generator, level, years, drift=-0.02, noise=0.06):
    """A plausible yearly series around *level*: a drift and some noise, rounded."""
    values, current = {}, float(level)
    for year in years:
        values[year] = Decimal(round(current * (1 + generator.uniform(-noise, noise))))
        current *= 1 + drift
    return values


def load_series(zone, categories) -> dict[str, StatSeries]:
    """The zone's sample series, by a code the indicators link to ("woninginbraak", "acc:injury"...)."""
    made = {}
    source = f"Federale politie, criminaliteitsstatistieken ({SAMPLE_NOTE})"
    for code, level in ZONE_SERIES[zone.slug].items():
        made[code] = _series(zone, StatSeries.Kind.CRIME, categories[code].name, level, source, "feiten",
                             crime_category=categories[code])  # fmt: skip
    _drug_partition(zone, categories, made["drugs"], source, made)
    traffic = f"Federale politie, verkeersongevallenstatistieken ({SAMPLE_NOTE})"
    for accident_type, level in ACCIDENT_LEVELS[zone.slug].items():
        label = StatSeries.AccidentType(accident_type).label
        made[f"acc:{accident_type}"] = _series(zone, StatSeries.Kind.ACCIDENTS, f"Verkeersongevallen: {label}",
                                               level, traffic, "ongevallen", accident_type=accident_type)  # fmt: skip
    for severity, level in VICTIM_LEVELS[zone.slug].items():
        label = StatSeries.Severity(severity).label
        made[f"vic:{severity}"] = _series(zone, StatSeries.Kind.VICTIMS, f"Verkeersslachtoffers: {label}", level,
                                          traffic, "slachtoffers", severity=severity)  # fmt: skip
    made |= _load_surveys(zone)
    # Series an earlier demo made and this one no longer describes (one severity axis, one comparison column).
    prune(zone.series.filter(is_sample=True), [s.pk for s in made.values()])
    return made


def _series(zone, kind, name, level, source, unit, values=None, **fields):
    series = _upsert(
        StatSeries,
        {"zone": zone, "municipality": None, "name": name},
        {"kind": kind, "unit": unit, "source": source, "area": "", **fields},
    )
    values = values or walk(rng(zone.slug, name), level, SERIES_YEARS)
    for year, value in values.items():
        _upsert(
            StatPoint,
            {"series": series, "year": year},
            {"value": value, "is_provisional": year == PROVISIONAL_YEAR, "note": ""},
        )
    return series


def _drug_partition(zone, categories, drugs, source, made):
    totals = {p.year: p.value for p in drugs.points.all()}
    rest = dict(totals)
    for code, share in DRUG_SHARES:
        values = {year: Decimal(round(float(total) * share)) for year, total in totals.items()}
        made[code] = _series(zone, StatSeries.Kind.CRIME, categories[code].name, 0, source, "feiten", values=values,
                             crime_category=categories[code])  # fmt: skip
        rest = {year: rest[year] - values[year] for year in rest}
    made[DRUG_REST] = _series(zone, StatSeries.Kind.CRIME, categories[DRUG_REST].name, 0, source, "feiten",
                              values=rest, crime_category=categories[DRUG_REST])  # fmt: skip


def _survey_series(zone, survey, question, answer, area, municipality, values, unit="%"):
    where = area or (municipality.name if municipality else "")
    name = f"{question}: {answer}" if answer else question
    series = _upsert(
        StatSeries,
        {"zone": zone, "municipality": municipality, "name": f"{name} ({where})" if where else name},
        {
            "kind": StatSeries.Kind.SURVEY,
            "survey": survey,
            "question": question,
            "answer": answer,
            "area": area,
            "unit": unit,
            "source": f"{survey} ({SAMPLE_NOTE})",
        },
    )
    for year, value in values.items():
        _upsert(StatPoint, {"series": series, "year": year}, {"value": value, "is_provisional": False, "note": ""})
    return series


def _load_surveys(zone) -> dict[str, StatSeries]:
    made = {}
    for question, unit, zone_level, province_level, region_level in SURVEYS:
        generator = rng(zone.slug, question)
        for area, level in (("", zone_level), (PROVINCES[zone.slug], province_level), (REGION, region_level)):
            values = {year: Decimal(level + generator.randint(-3, 3)) for year in SURVEY_YEARS}
            series = _survey_series(zone, MONITOR, question, "", area, None, values, unit)
            made[f"survey:{question}:{area}"] = series
        made[question] = made[f"survey:{question}:"]
    for year in SURVEY_YEARS:
        generator = rng(zone.slug, MONITOR, year)
        sent = RESPONSES[zone.slug]
        paper = round(sent * generator.uniform(0.18, 0.24))
        online = round(sent * generator.uniform(0.08, 0.14))
        _upsert(
            SurveyResponse,
            {"zone": zone, "survey": MONITOR, "year": year},
            {"sent": sent, "returned_paper": paper, "returned_online": online, "note": SAMPLE_NOTE},
        )
    places = [(m, "") for m in zone.municipalities.order_by("name")] + [(None, REGION)]
    for municipality, area in places:
        generator = rng(zone.slug, CITY_QUESTION, area or municipality.nis_code)
        for answer, level in CITY_ANSWERS:
            values = {year: Decimal(max(level + generator.randint(-4, 4), 0)) for year in CITY_YEARS}
            series = _survey_series(zone, CITY_MONITOR, CITY_QUESTION, answer, area, municipality, values)
            made[f"city:{answer}:{area or municipality.nis_code}"] = series
    return made
