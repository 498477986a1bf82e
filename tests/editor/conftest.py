"""Rows the editor's tests share."""

import pytest

from tests import factories as f


@pytest.fixture
def priority(draft_plan):
    return f.PriorityFactory(plan=draft_plan, number=1, short_title="Verkeersveiligheid")


@pytest.fixture
def indicators(draft_plan):
    return [
        f.IndicatorFactory(plan=draft_plan, name="Inbraken"),
        f.IndicatorFactory(plan=draft_plan, name="Ongevallen"),
    ]


@pytest.fixture
def municipality(zone_a):
    return f.MunicipalityFactory(zone=zone_a, name="Aalst", nis_code="41002", population=88000)


@pytest.fixture
def chapters(draft_plan):
    rows = [
        f.ChapterFactory(plan=draft_plan, order=n, title=f"Hoofdstuk {n:02d}", body="<p>Tekst</p>")
        for n in range(1, 31)
    ]
    rows[6].body = "<p>Over de Stadsmonitor</p>"
    rows[6].save()
    return rows
