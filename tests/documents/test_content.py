"""What goes into a document (documents/content.py): the figures come from the domain apps' one rule each."""

import re

import pytest

from actionplans.models import Action
from core.base import Protection
from documents import content, rendering
from stats.models import staff_totals
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_staff_table_prints_the_totals_of_its_lines(full_plan):
    table = full_plan.plan.staff_tables.get()
    html = rendering.render_document_html(full_plan.plan, "plan", Protection.RESTRICTED).html
    section = html[html.index(f'id="staff-{table.pk}"') :]
    footer = section[section.index("<tfoot>") : section.index("</tfoot>")]
    assert staff_totals(table.lines.all())["total"] == {"actual": 25, "fte": 19, "authorised": 24}
    # The footer has a row per group, then the whole table's (issue 13); each cell starts with the computed total.
    total_row = footer[footer.rindex("<tr") :]
    assert re.findall(r'<td class="num">([^<]*)', total_row) == ["25", "19", "24"]


def test_the_share_of_actions_done_leaves_out_cancelled_ones(full_plan):
    objective = full_plan.plan.priorities.get().action_plans.first().objectives.first()
    for status in (Action.Status.DONE, Action.Status.CANCELLED, Action.Status.PLANNED):
        f.ActionFactory(objective=objective, status=status)
    context = content.plan_context(full_plan.plan, Protection.RESTRICTED, rendering._labels())
    (block,) = [b for d in context["domains"] for b in d["blocks"]]
    actions = block.actions
    counted = [a for a in actions if a.status != Action.Status.CANCELLED]
    done = sum(a.status == Action.Status.DONE for a in counted)
    assert block.done_share == round(100 * done / len(counted))
