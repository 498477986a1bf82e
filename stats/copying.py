"""The stats app's part of copying a plan into a revision (plans.copying): indicators, key figures, resources.

An indicator's copy continues its line (``Indicator.origin``): its targets are copied (a revision may change
them), its measured values are not: they belong to the line, which both versions show.
"""

from plans.copying import register_copier
from priorities.models import Priority

from .models import FinancialLine, Indicator, KeyFigure, StaffTable


@register_copier(order=30)
def copy_indicators_and_resources(copy) -> None:
    for row in list(KeyFigure.objects.filter(plan=copy.source)) + list(FinancialLine.objects.filter(plan=copy.source)):
        copy.clone(row, plan=copy.new)
    for indicator in list(Indicator.objects.filter(plan=copy.source).prefetch_related("targets")):
        targets, line = list(indicator.targets.all()), indicator.line_id
        new = copy.clone(
            indicator, plan=copy.new, priority=copy.copy_of(Priority, indicator.priority_id), origin_id=line
        )
        for row in targets:
            copy.clone(row, indicator=new)
    for table in list(StaffTable.objects.filter(plan=copy.source).prefetch_related("lines")):
        lines = list(table.lines.all())
        new = copy.clone(table, plan=copy.new)
        for line in lines:
            copy.clone(line, table=new)
