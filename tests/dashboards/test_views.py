"""The dashboard pages and their exports: who sees what, the numbers in the tables, CSV and XLSX.

Decision: the dashboard pages are for signed-in users (anonymous visitors are sent to the login page); the
API serves anonymous callers what citizens see (tests/dashboards/test_api.py).
"""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def plan_url(plan, **query):
    url = reverse("dashboards:plan", args=[plan.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def page_urls(scene):
    return [
        reverse("dashboards:index"),
        plan_url(scene.plan),
        reverse("dashboards:statistics", args=[scene.plan.pk]),
        reverse("dashboards:priority", args=[scene.p[0].pk]),
        reverse("dashboards:compare"),
        reverse("dashboards:plan-export", args=[scene.plan.pk, "csv"]),
        reverse("dashboards:plan-export", args=[scene.plan.pk, "xlsx"]),
    ]


# --- Permissions ----------------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(scene):
    for url in page_urls(scene):
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_council_member_of_zone_a_sees_zone_a_only(scene):
    client = client_for(scene.council)
    index = client.get(reverse("dashboards:index")).content.decode()
    assert scene.plan.title in index
    assert scene.zone_b.name not in index and scene.draft_b.title not in index
    assert client.get(plan_url(scene.draft_b)).status_code == 404
    assert client.get(reverse("dashboards:statistics", args=[scene.draft_b.pk])).status_code == 404
    assert client.get(reverse("dashboards:plan-export", args=[scene.draft_b.pk, "csv"])).status_code == 404
    compare = client.get(reverse("dashboards:compare")).context["comparison"]
    assert compare.zones == [scene.zone_a]


def test_a_zone_b_user_gets_404_for_zone_a_drafts(scene, zone_a, advisor_b):
    from tests import factories as f

    draft_a = f.PlanFactory(zone=zone_a, title="ZVP Alfa (ontwerp)")
    priority = f.PriorityFactory(plan=draft_a, number=1)
    client = client_for(advisor_b)
    assert client.get(plan_url(draft_a)).status_code == 404
    assert client.get(reverse("dashboards:priority", args=[priority.pk])).status_code == 404
    assert client.get(reverse("dashboards:plan-export", args=[draft_a.pk, "xlsx"])).status_code == 404
    assert client_for(scene.council).get(plan_url(draft_a)).status_code == 200


def test_outsiders_see_only_public_parts_and_approved_values(scene):
    """Zone A's published plan, read by a zone-B user: public priorities, approved values, no comments."""
    response = client_for(scene.advisor_b).get(plan_url(scene.plan, year=YEAR))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geheim" not in html  # the restricted priority
    assert "Indicator S5" not in html
    assert "not yet approved" not in html
    priority_page = client_for(scene.advisor_b).get(reverse("dashboards:priority", args=[scene.p[2].pk]))
    assert "Graag meer controles" not in priority_page.content.decode()
    assert client_for(scene.advisor_b).get(reverse("dashboards:priority", args=[scene.p[4].pk])).status_code == 404


def test_members_see_restricted_parts_pending_values_and_comments(scene):
    client = client_for(scene.council)
    html = client.get(plan_url(scene.plan, year=YEAR)).content.decode()
    assert "Geheim" in html and "Indicator S5" in html
    assert "not yet approved" in html
    page = client.get(reverse("dashboards:priority", args=[scene.p[0].pk])).content.decode()
    assert "Graag meer controles" in page


# --- The page -------------------------------------------------------------------------------------------------------


def test_dashboard_page_shows_statuses_rollups_rule_and_sample_badge(scene):
    response = client_for(scene.council).get(plan_url(scene.plan, year=YEAR))
    html = response.content.decode()
    dashboard = response.context["dashboard"]
    assert dashboard.year == YEAR
    assert html.count('class="priority-row"') == 5
    assert 'data-status="at_risk"' in html and 'data-status="off_track"' in html
    assert "How the statuses and the roll-up are computed" in html
    assert "worst status" in html
    assert "sample-badge" in html  # indicator U1 is sample data
    assert html.count('<canvas class="dashboard-chart indicator-chart"') == 6
    assert 'aria-label="Trend of Indicator U1' in html
    assert '<th scope="col">' in html and "<caption" in html
    for status, count in dashboard.rollup.counts.items():
        assert f'<td data-rollup="{status}">{count}</td>' in html


def test_invalid_filters_are_ignored_with_a_message(scene):
    response = client_for(scene.council).get(plan_url(scene.plan, year=1999, kind="bogus"))
    assert response.status_code == 200
    assert response.context["dashboard"].year == YEAR  # the default
    assert response.context["form"].errors.keys() == {"year", "kind"}


def test_filters_on_the_page(scene):
    response = client_for(scene.council).get(plan_url(scene.plan, year=YEAR, kind="securing", status="off_track"))
    assert [r.priority.code for r in response.context["dashboard"].priorities] == ["B 2"]


def test_statistics_and_comparison_pages(scene, superuser):
    from decimal import Decimal

    from tests import factories as f

    category = f.CrimeCategoryFactory(code="drugs", name="Drugs")
    for zone, value in ((scene.zone_a, 50), (scene.zone_b, 70)):
        series = f.StatSeriesFactory(zone=zone, kind="crime", crime_category=category, name="Drugs")
        f.StatPointFactory(series=series, year=2021, value=Decimal(value))
    stats = client_for(scene.council).get(reverse("dashboards:statistics", args=[scene.plan.pk]))
    assert 'id="table-crime"' in stats.content.decode()
    admin = client_for(superuser).get(reverse("dashboards:compare"), {"measure": "crime:drugs"})
    comparison = admin.context["comparison"]
    assert [(r.zone.name, r.values) for r in comparison.rows] == [
        ("PZ Alfa", {2021: Decimal(50)}),
        ("PZ Bravo", {2021: Decimal(70)}),
    ]
    council = client_for(scene.council).get(reverse("dashboards:compare"), {"measure": "crime:drugs"})
    assert [r.zone.name for r in council.context["comparison"].rows] == ["PZ Alfa"]


# --- Exports --------------------------------------------------------------------------------------------------------


def export(user, plan, fmt, **query):
    return client_for(user).get(reverse("dashboards:plan-export", args=[plan.pk, fmt]), query)


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_export_follows_filters_and_permissions(scene):
    response = export(scene.council, scene.plan, "csv", year=YEAR)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header[:4] == ["Domain", "Theme", "Priority code", "Priority"]
    by_indicator = {row[8]: row for row in rows if row[8]}
    assert set(by_indicator) == {"U1", "D1", "D2", "N3", "P3", "S5"}
    assert by_indicator["D2"][13:17] == ["50.00", "70.00", "yes", "off track"]
    assert by_indicator["P3"][15] == "no"  # not yet approved
    assert by_indicator["U1"][17] == "yes"  # sample data
    assert any(row[2] == "I 4" and row[8] == "" for row in rows)  # a priority without indicators

    filtered = csv_rows(export(scene.council, scene.plan, "csv", year=YEAR, kind="securing"))[1:]
    assert {row[2] for row in filtered} == {"B 2", "B 3"}

    public = csv_rows(export(scene.advisor_b, scene.plan, "csv", year=YEAR))[1:]
    assert "S5" not in {row[8] for row in public}
    assert next(row for row in public if row[8] == "P3")[14] == ""  # the unapproved value is not exported


def test_xlsx_export_matches_the_page(scene):
    response = export(scene.council, scene.plan, "xlsx", year=YEAR, domain=scene.domains[0].pk)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook[str(YEAR)]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Priority code"
    assert {row[2] for row in rows[1:]} == {"I 1", "B 2"}
    down = next(row for row in rows[1:] if row[8] == "D1")
    assert (float(down[13]), float(down[14]), down[16]) == (50.0, 54.0, "at risk")
    assert "Roll-up" in workbook.sheetnames
    rollup = list(workbook["Roll-up"].iter_rows(values_only=True))
    assert rollup[0][0] == "Domain" and rollup[0][-3:] == ("Score (%)", "Roll-up status", "Actions done (%)")
    page = (
        client_for(scene.council)
        .get(f"/dashboard/plannen/{scene.plan.pk}/", {"year": YEAR, "domain": scene.domains[0].pk})
        .context["dashboard"]
    )
    assert [row[0] for row in rollup[1:-1]] == [g.domain.name if g.domain else "No domain" for g in page.groups]
    assert rollup[-1][0] == "Priorities shown"
    assert rollup[-1][-3:] == (page.rollup.score_percent, str(page.rollup.status.label), page.rollup.actions_percent)


def test_exports_keep_formula_like_text_as_text(scene):
    from core.spreadsheets import neutralise as safe

    assert (
        safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
        and safe("@cmd") == "'@cmd"
        and safe("Fietsdiefstal") == "Fietsdiefstal"
    )
    assert safe(-3) == -3  # numbers stay numbers
    scene.plan.priorities.filter(code="I 1").update(short_title="=1+1")
    rows = csv_rows(export(scene.council, scene.plan, "csv", year=YEAR))
    assert any(row[3] == "'=1+1" for row in rows)


PAYLOADS = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_csv_and_xlsx_exports_hold_no_live_formula(scene):
    from core.spreadsheets import is_formula_like

    hyperlink, command, sum_plus, at_sum, tab, carriage_return = PAYLOADS
    p1, p2 = scene.p[:2]
    p1.short_title, p2.short_title = hyperlink, tab
    p1.save()
    p2.save()
    scene.ind.down.name, scene.ind.down.unit = command, sum_plus
    scene.ind.down.save()
    scene.ind.off.name = carriage_return
    scene.ind.off.save()
    scene.domains[0].name = at_sum  # also in the roll-up sheet
    scene.domains[0].save()

    cells = [cell for row in csv_rows(export(scene.council, scene.plan, "csv", year=YEAR)) for cell in row]
    assert not [cell for cell in cells if is_formula_like(cell)]
    assert {"'" + payload for payload in PAYLOADS} <= set(cells)

    book = load_workbook(io.BytesIO(export(scene.council, scene.plan, "xlsx", year=YEAR).content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value.replace("\n", "\r") for cell in cells if cell.data_type == "s" and cell.value}
    assert set(PAYLOADS) <= texts
    assert [cell.value for cell in book["Roll-up"]["A"]].count(at_sum) == 1


def test_unknown_export_format_is_404(scene):
    assert client_for(scene.council).get(f"/dashboard/plannen/{scene.plan.pk}/export.pdf").status_code == 404
