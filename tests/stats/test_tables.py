"""The statistics tables (stats/tables.py) on the dashboard, its API and in the PDF (issue 13): the years that
have figures, the provisional footnote only with a provisional figure, victims apart from accidents, surveys
per area and answer with their response counts."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from core.base import Protection
from documents import rendering
from tests import factories as f

pytestmark = pytest.mark.django_db

FOOTNOTE = "voorlopig cijfer"


def _point(series, year, value, provisional=False):
    return f.StatPointFactory(series=series, year=year, value=Decimal(value), is_provisional=provisional)


def _pdf(full_plan):
    return rendering.render_document_html(full_plan.plan, "plan", Protection.PUBLIC).html


def _statistics_part(html):
    return html.split('id="statistics"')[1]


def test_the_pdf_tables_show_the_years_with_figures_and_the_footnote_only_with_a_provisional_one(full_plan):
    plan = full_plan.plan  # 2020-2025: the tables used to run to 2025 whatever the figures
    _point(full_plan.series, 2019, 190)
    html = _statistics_part(_pdf(full_plan))
    headers = html.split("<thead>")[1].split("</thead>")[0]
    assert ">2019<" in headers and ">2021<" in headers
    assert ">2020<" not in headers and f">{plan.period_end}<" not in headers and ">2016<" not in headers
    assert FOOTNOTE not in html and "provisional figure" not in html
    _point(full_plan.series, 2022, 233, provisional=True)
    html = _statistics_part(_pdf(full_plan))
    assert ">233*<" in html and (FOOTNOTE in html or "provisional figure" in html)


def test_victims_and_accidents_are_separate_tables_in_the_pdf(full_plan):
    zone = full_plan.zone
    injury = f.StatSeriesFactory(zone=zone, accidents=True, name="Letselongevallen", accident_type="injury")
    _point(injury, 2021, 210)
    killed = f.StatSeriesFactory(zone=zone, victims=True, name="Doden", severity="killed")
    _point(killed, 2021, 3)
    html = _statistics_part(_pdf(full_plan))
    after_accidents = html.split("<h3>Verkeersongevallen per soort</h3>")[1]
    accidents, victims = after_accidents.split("<h3>Verkeersslachtoffers per ernst</h3>")
    assert "lichamelijk letsel" in accidents and ">210<" in accidents and "doden" not in accidents
    assert "doden" in victims and ">3<" in victims and "lichamelijk letsel" not in victims


def test_survey_areas_and_response_counts_in_the_pdf(full_plan):
    zone = full_plan.zone
    for area, value in (("", 14), ("Provincie Vlaams-Brabant", 12), ("Vlaanderen", 11)):
        name = f"Onveilig ({area})" if area else "Onveilig"
        series = f.StatSeriesFactory(zone=zone, kind="survey", name=name, survey="Veiligheidsmonitor",
                                     question="Onveilig", area=area, unit="%")  # fmt: skip
        _point(series, 2021, value)
    for answer, value in (("veel", 8), ("weinig", 70)):
        series = f.StatSeriesFactory(
            zone=zone,
            kind="survey",
            name=f"Overlast {answer}",
            survey="Stadsmonitor",
            question="Overlast",
            answer=answer,
            municipality=full_plan.municipality,
        )
        _point(series, 2020, value)  # fmt: skip
    response = full_plan.survey_response  # Veiligheidsmonitor 2021
    response.sent, response.returned_paper, response.returned_online = 1500, 410, 230
    response.save()
    html = _statistics_part(_pdf(full_plan))
    monitor = html.split("<h3>Veiligheidsmonitor: Onveilig (%)</h3>")[1].split("<h3>")[0]
    for label, value in ((zone.name, "14"), ("Provincie Vlaams-Brabant", "12"), ("Vlaanderen", "11")):
        assert label in monitor and f">{value}<" in monitor
    assert ">1500<" in monitor and ">410<" in monitor and ">230<" in monitor and "42,7" in monitor
    city = html.split("<h3>Stadsmonitor: Overlast")[1]
    assert f"{full_plan.municipality.name}: veel" in city and f"{full_plan.municipality.name}: weinig" in city


def test_the_dashboard_shows_victims_surveys_per_area_and_years_with_figures(full_plan):
    zone, council = full_plan.zone, full_plan.users.council
    killed = f.StatSeriesFactory(zone=zone, victims=True, name="Doden", severity="killed")
    _point(killed, 2018, 4)
    for area, value in (("", 14), ("Vlaanderen", 11), ("Provincie Vlaams-Brabant", 12)):
        series = f.StatSeriesFactory(zone=zone, kind="survey", name=f"Onveilig {area}", survey="Veiligheidsmonitor",
                                     question="Onveilig", area=area)  # fmt: skip
        _point(series, 2021, value)
    client = Client()  # full_plan has the Veiligheidsmonitor's response counts of 2021
    client.force_login(council)
    page = client.get(reverse("dashboards:statistics", args=[full_plan.plan.pk]))
    stats = page.context["stats"]
    assert stats.victims.years == [2018] and stats.crime.years == [2021]
    (survey,) = stats.surveys
    assert [r.label for r in survey.rows] == [zone.name, "Provincie Vlaams-Brabant", "Vlaanderen"]
    assert [r.year for r in survey.responses] == [2021]
    html = page.content.decode()
    assert 'id="table-victims"' in html and "Provincie Vlaams-Brabant" in html
    assert "(p) is een voorlopig cijfer" not in html
    data = Client()
    data.force_login(council)
    api = data.get(reverse("api:dashboard-plan-statistics", args=[full_plan.plan.pk])).json()
    assert [s["area"] for s in api["surveys"][0]["series"]] == [zone.name, "Provincie Vlaams-Brabant", "Vlaanderen"]
    assert api["surveys"][0]["responses"][0]["returned"] == 300


def test_the_zone_comparison_knows_victims_and_leaves_out_own_categories_and_other_areas(superuser, zone_a, zone_b):
    from dashboards.services import build_comparison

    for zone, value in ((zone_a, 3), (zone_b, 5)):
        _point(f.StatSeriesFactory(zone=zone, victims=True, name="Doden", severity="killed"), 2021, value)
        _point(f.StatSeriesFactory(zone=zone, kind="survey", name="V (Vlaanderen)", question="V", area="Vlaanderen"),
               2021, 9)  # fmt: skip
    own = f.CrimeCategoryFactory(zone=zone_a, code="eigen", name="Eigen")
    _point(f.StatSeriesFactory(zone=zone_a, kind="crime", crime_category=own, name="Eigen"), 2021, 7)
    comparison = build_comparison(superuser, "victims:killed", [zone_a, zone_b])
    assert [(r.zone, r.values) for r in comparison.rows] == [(zone_a, {2021: 3}), (zone_b, {2021: 5})]
    keys = {m.key for m in comparison.measures}
    assert "victims:killed" in keys and "crime:eigen" not in keys and "survey:V (Vlaanderen)" not in keys
