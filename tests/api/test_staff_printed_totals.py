"""Every printed total of a staff table over the API: written per group and column, returned beside the total
computed from the lines with a ``disagrees`` flag each."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from tests import factories as f

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_printed_totals_per_group_and_column_are_written_and_checked(zone_a, advisor):
    plan = f.PlanFactory(zone=zone_a)
    table = f.StaffTableFactory(plan=plan)
    f.StaffLineFactory(table=table, category="operational", label="INP", actual=70, fte=Decimal("67.60"))
    f.StaffLineFactory(table=table, category="calog", label="Niveau C", actual=40, fte=Decimal("40"), authorised=38)
    client = _client(advisor)
    revision = client.get(f"/api/v1/staff-tables/{table.pk}/").json()["revision"]

    response = client.patch(
        f"/api/v1/staff-tables/{table.pk}/",
        {
            "revision": revision,
            "printed_total": 110,
            "printed_total_fte": "103.60",
            "printed_operational_actual": 70,
            "printed_calog_fte": "40",
            "printed_calog_authorised": 45,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["printed_total_fte"] == "103.60"
    checks = data["printed_totals"]
    assert checks["total"]["fte"] == {"computed": "107.60", "printed": "103.60", "disagrees": True}
    assert checks["total"]["actual"] == {"computed": 110, "printed": 110, "disagrees": False}
    assert checks["operational"]["actual"] == {"computed": 70, "printed": 70, "disagrees": False}
    assert checks["calog"]["fte"] == {"computed": "40.00", "printed": "40.00", "disagrees": False}
    assert checks["calog"]["authorised"] == {"computed": 38, "printed": 45, "disagrees": True}
    assert checks["operational"]["authorised"] == {"computed": 12, "printed": None, "disagrees": False}
    assert data["total_disagrees"] is True

    listed = client.get("/api/v1/staff-tables/", {"plan": plan.pk}).json()["results"][0]
    assert listed["printed_calog_authorised"] == 45


def test_a_negative_printed_total_is_refused_at_its_field(zone_a, advisor):
    table = f.StaffTableFactory(plan=f.PlanFactory(zone=zone_a))
    client = _client(advisor)
    revision = client.get(f"/api/v1/staff-tables/{table.pk}/").json()["revision"]
    response = client.patch(
        f"/api/v1/staff-tables/{table.pk}/",
        {"revision": revision, "printed_operational_fte": "-2", "printed_calog_actual": 5},
        format="json",
    )
    assert response.status_code == 400
    assert "printed_operational_fte" in response.json()
    table.refresh_from_db()
    assert table.printed_calog_actual is None
