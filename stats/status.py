"""The one rule that turns a target and a measured value into a traffic light.

Used by the models, the dashboards, the API and the PDF reports alike; nothing
else computes an indicator status.

For a year, with *target* T, measured value V and the indicator's at-risk
margin M (a percentage, 10 by default):

* **no data** when V or T is missing: without both there is nothing to judge.
* The *shortfall* is how far V falls short of T in the bad direction:
  ``T - V`` when up is good, ``V - T`` when down is good.
* **on track** when the shortfall is zero or negative (the target is met).
* **at risk** when the shortfall is at most M % of ``|T|``.
* **off track** otherwise. With a target of zero there is no margin: any
  shortfall is off track.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_AT_RISK_MARGIN = Decimal("10")


class Direction(models.TextChoices):
    UP = "up", _("up is good")
    DOWN = "down", _("down is good")


class IndicatorStatus(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    OFF_TRACK = "off_track", _("off track")
    NO_DATA = "no_data", _("no data")


def shortfall(direction: str, target: Decimal, value: Decimal) -> Decimal:
    """How far *value* falls short of *target*; zero or less means the target is met."""
    return target - value if direction == Direction.UP else value - target


def compute_status(
    direction: str,
    target: Decimal | None,
    value: Decimal | None,
    margin_percent: Decimal = DEFAULT_AT_RISK_MARGIN,
) -> IndicatorStatus:
    if target is None or value is None:
        return IndicatorStatus.NO_DATA
    gap = shortfall(direction, Decimal(target), Decimal(value))
    if gap <= 0:
        return IndicatorStatus.ON_TRACK
    if gap <= abs(Decimal(target)) * Decimal(margin_percent) / 100:
        return IndicatorStatus.AT_RISK
    return IndicatorStatus.OFF_TRACK
