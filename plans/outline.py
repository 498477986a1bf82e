"""The order of a plan's document: its chapters in their explicit order, with the structured parts among them.

A chapter's kind is a label, never its place: the chapters come in the order the plan gives them. The parts
the portal builds from structured data (the zone's profile table, the statistics, the stakeholders'
expectations, mission, vision and values, the priorities, the staff and financial tables) follow the first
run of chapters of their kind ("anchored"); a part without a chapter of its kind follows the last chapter
whose kind comes before it in a zonal security plan's usual order (DOMAIN.md), or opens the document.
The PDF and the public plan page both read this outline.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Chapter

K = Chapter.Kind
# The usual order of a plan's parts; "other" has no usual place and never decides where a part goes.
USUAL_ORDER = [
    K.ABOUT, K.PROFILE, K.ANALYSIS, K.MISSION, K.POLICY_CHOICES, K.RESOURCES,
    K.FEDERAL_TASKS, K.MONITORING, K.COMMUNICATION, K.PRIVACY,
]  # fmt: skip
RANK = {kind: rank for rank, kind in enumerate(USUAL_ORDER)}
# The structured parts, each with the chapter kind it belongs to, in their usual order.
PARTS = [
    ("profile", K.PROFILE),
    ("statistics", K.ANALYSIS),
    ("expectations", K.ANALYSIS),
    ("mission", K.MISSION),
    ("priorities", K.POLICY_CHOICES),
    ("resources", K.RESOURCES),
]


@dataclass(frozen=True)
class Entry:
    """One item of the outline: a chapter, or a structured part (``anchored`` when it follows its own chapter)."""

    chapter: Chapter | None = None
    part: str = ""
    anchored: bool = False


def _place(chapters: list, kind: str) -> tuple[int, bool]:
    """The index of the chapter a part of *kind* follows (-1: before every chapter), and whether it is its own."""
    kinds = [chapter.kind for chapter in chapters]
    if kind in kinds:
        index = kinds.index(kind)
        while index + 1 < len(kinds) and kinds[index + 1] == kind:
            index += 1
        return index, True
    earlier = [i for i, k in enumerate(kinds) if k in RANK and RANK[k] <= RANK[kind]]
    return (max(earlier) if earlier else -1), False


def outline(chapters, parts=None) -> list[Entry]:
    """The chapters (already in their explicit order) with the structured *parts* (default: all) placed among them."""
    chapters = list(chapters)
    wanted = set(parts) if parts is not None else {name for name, _kind in PARTS}
    after: dict[int, list[Entry]] = {}
    for name, kind in PARTS:
        if name in wanted:
            index, anchored = _place(chapters, kind)
            after.setdefault(index, []).append(Entry(part=name, anchored=anchored))
    result = list(after.get(-1, []))
    for index, chapter in enumerate(chapters):
        result.append(Entry(chapter=chapter))
        result.extend(after.get(index, []))
    return result
