"""A published plan of zone A whose statuses for 2021 are known by hand, and a draft plan of zone B.

For 2021, as a member of zone A sees it (unapproved values count; restricted parts show):

* P1 (I, domain D1, theme T1 › T1a): up-is-good 100/100 on track, down-is-good 54 for 50 at risk -> at risk;
  actions of 2021: done, done, planned, cancelled -> 2 of 3.
* P2 (B, D1, theme T2): down-is-good 70 for 50 -> off track.
* P3 (B, D2): a value without target (no data), and 10 for 10 not yet approved -> on track (members),
  no data (everyone else).
* P4 (I, D2): no indicators -> no data.
* P5 (I, D2, restricted): 12 for 10 up-is-good -> on track; members only.

Roll-up (members): scores 0.5, 0, 1, 1 over 4 priorities with data = 0.625 -> at risk.
Roll-up (public): P1 at risk, P2 off track, P3 and P4 no data -> 0.25 -> off track.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from actionplans.models import Action
from core.base import Protection
from priorities.models import Priority
from stats.status import Direction
from tests import factories as f

YEAR = 2021


def indicator(plan, priority, code, direction, target, value, approved=True, year=YEAR, **extra):
    ind = f.IndicatorFactory(plan=plan, priority=priority, code=code, name=f"Indicator {code}", direction=direction,
                             **extra)  # fmt: skip
    if target is not None:
        f.IndicatorTargetFactory(indicator=ind, year=year, value=Decimal(target))
    if value is not None:
        f.IndicatorValueFactory(indicator=ind, year=year, value=Decimal(value), approved=approved)
    return ind


@pytest.fixture
def scene(zone_a, zone_b, council, advisor, advisor_b, superuser, outsider):
    plan = f.PlanFactory(zone=zone_a, title="ZVP Alfa 2020-2025", published=True)
    d1 = f.DomainFactory(plan=plan, code="D1", name="Veiligheid", order=1)
    d2 = f.DomainFactory(plan=plan, code="D2", name="Bedrijfsvoering", order=2)
    t1 = f.ThemeFactory(plan=plan, name="T1", order=1)
    t1a = f.ThemeFactory(plan=plan, name="T1a", parent=t1, order=1)
    t2 = f.ThemeFactory(plan=plan, name="T2", order=2)
    innovation, securing = Priority.Kind.INNOVATION, Priority.Kind.SECURING
    p1 = f.PriorityFactory(plan=plan, number=1, code="I 1", short_title="Eén", kind=innovation, domain=d1, theme=t1a)
    p2 = f.PriorityFactory(plan=plan, number=2, code="B 2", short_title="Twee", kind=securing, domain=d1, theme=t2)
    p3 = f.PriorityFactory(plan=plan, number=3, code="B 3", short_title="Drie", kind=securing, domain=d2)
    p4 = f.PriorityFactory(plan=plan, number=4, code="I 4", short_title="Vier", kind=innovation, domain=d2)
    p5 = f.PriorityFactory(plan=plan, number=5, code="I 5", short_title="Geheim", kind=innovation, domain=d2,
                           protection=Protection.RESTRICTED)  # fmt: skip
    ind = SimpleNamespace(
        up=indicator(plan, p1, "U1", Direction.UP, 100, 100, is_sample=True),
        down=indicator(plan, p1, "D1", Direction.DOWN, 50, 54),
        off=indicator(plan, p2, "D2", Direction.DOWN, 50, 70),
        no_target=indicator(plan, p3, "N3", Direction.UP, None, 30),
        pending=indicator(plan, p3, "P3", Direction.UP, 10, 10, approved=False),
        secret=indicator(plan, p5, "S5", Direction.UP, 10, 12),
    )
    action_plan = f.ActionPlanFactory(priority=p1, year=YEAR)
    objective = f.ObjectiveFactory(action_plan=action_plan)
    for status in (Action.Status.DONE, Action.Status.DONE, Action.Status.PLANNED, Action.Status.CANCELLED):
        f.ActionFactory(objective=objective, status=status)
    f.CommentFactory(plan=plan, priority=p1, author=council, body="Graag meer controles.")
    draft_b = f.PlanFactory(zone=zone_b, title="ZVP Bravo (ontwerp)")
    return SimpleNamespace(
        plan=plan, domains=(d1, d2), themes=SimpleNamespace(t1=t1, t1a=t1a, t2=t2), p=(p1, p2, p3, p4, p5),
        ind=ind, draft_b=draft_b, council=council, advisor=advisor, advisor_b=advisor_b, superuser=superuser,
        outsider=outsider, zone_a=zone_a, zone_b=zone_b,
    )  # fmt: skip
