"""The roll-up rule (``ROLLUP_RULE``): indicators into a priority, priorities into a domain or the whole plan.

``priority_status`` and ``rollup`` implement it; the dashboard page, the API and the export all show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from actionplans.progress import percent
from stats.status import IndicatorStatus

#: From worst to best: a priority takes the worst status among its indicators that have data.
SEVERITY = (IndicatorStatus.OFF_TRACK, IndicatorStatus.AT_RISK, IndicatorStatus.ON_TRACK)
#: Points a priority scores in a domain's or the plan's roll-up.
SCORES = {
    IndicatorStatus.ON_TRACK: Decimal(1),
    IndicatorStatus.AT_RISK: Decimal("0.5"),
    IndicatorStatus.OFF_TRACK: Decimal(0),
}
#: A group is on track from this average score up, at risk from AT_RISK_FROM up, off track below.
ON_TRACK_FROM = Decimal("0.75")
AT_RISK_FROM = Decimal("0.5")

_format = lazy(lambda message, args: str(message) % args, str)

ROLLUP_RULE = [
    _(
        "Each indicator's status for the year compares its measured value with its target for that year, in "
        "the indicator's direction (up is good or down is good): on track when the target is met, at risk "
        "when it is missed by at most the indicator's margin (10 % of the target unless set otherwise), off "
        "track beyond that, and no data when the target or the value is missing."
    ),
    _(
        "A priority takes the worst status among its indicators that have data (off track before at risk "
        "before on track); it has no data when none of its indicators has both a target and a value."
    ),
    _format(
        _(
            "A domain and the whole plan score the priorities that have data: on track counts %(on)s point, "
            "at risk %(risk)s, off track %(off)s. An average of at least %(on_from)s %% is on track, of at "
            "least %(risk_from)s %% at risk, below that off track; priorities without data are counted "
            "apart and do not weigh in."
        ),
        {
            "on": 1,
            "risk": "0.5",
            "off": 0,
            "on_from": int(ON_TRACK_FROM * 100),
            "risk_from": int(AT_RISK_FROM * 100),
        },
    ),
    _(
        "The share of actions done counts the actions of the year's action plans that are done, out of all "
        "of them except the cancelled ones."
    ),
    _(
        "Anyone who is not a member of the zone sees only the values the council approved, and the statuses "
        "computed from them."
    ),
]


def priority_status(statuses) -> IndicatorStatus:
    """The worst status among *statuses* that have data; no data when none has (ROLLUP_RULE)."""
    judged = set(statuses) - {IndicatorStatus.NO_DATA}
    for status in SEVERITY:
        if status in judged:
            return status
    return IndicatorStatus.NO_DATA


@dataclass
class Rollup:
    """The priorities of a domain or a plan summed up (ROLLUP_RULE)."""

    counts: dict[str, int]
    score: Decimal | None
    status: IndicatorStatus
    actions_done: int = 0
    actions_counted: int = 0

    @property
    def priorities(self) -> int:
        return sum(self.counts.values())

    @property
    def score_percent(self) -> int | None:
        return None if self.score is None else percent(self.score, 1)

    @property
    def actions_percent(self) -> int | None:
        return percent(self.actions_done, self.actions_counted)

    @property
    def status_rows(self) -> list[tuple[IndicatorStatus, int]]:
        return [(status, self.counts[status]) for status in IndicatorStatus]


def rollup(priorities) -> Rollup:
    """Sum up *priorities* (PriorityRow) by ROLLUP_RULE: counts per status, average score, status, actions."""
    counts = {status.value: 0 for status in IndicatorStatus}
    points = []
    done = counted = 0
    for row in priorities:
        counts[row.status] += 1
        if row.status != IndicatorStatus.NO_DATA:
            points.append(SCORES[row.status])
        done += row.actions_done
        counted += row.actions_counted
    if not points:
        return Rollup(counts, None, IndicatorStatus.NO_DATA, done, counted)
    score = sum(points, Decimal(0)) / len(points)
    if score >= ON_TRACK_FROM:
        status = IndicatorStatus.ON_TRACK
    elif score >= AT_RISK_FROM:
        status = IndicatorStatus.AT_RISK
    else:
        status = IndicatorStatus.OFF_TRACK
    return Rollup(counts, score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), status, done, counted)
