"""The stats app's part of copying a plan into a revision (plans.copying): indicators, key figures, resources."""

from plans.copying import register_copier
from priorities.models import Priority

from .models import FinancialLine, Indicator, KeyFigure, StaffTable


@register_copier(order=30)
def copy_indicators_and_resources(copy) -> None:
    for row in list(KeyFigure.objects.filter(plan=copy.source)) + list(FinancialLine.objects.filter(plan=copy.source)):
        copy.clone(row, plan=copy.new)
    for indicator in list(Indicator.objects.filter(plan=copy.source).prefetch_related("targets", "values")):
        targets, values = list(indicator.targets.all()), list(indicator.values.all())
        new = copy.clone(indicator, plan=copy.new, priority=copy.copy_of(Priority, indicator.priority_id))
        for row in targets + values:
            copy.clone(row, indicator=new)
    for table in list(StaffTable.objects.filter(plan=copy.source).prefetch_related("lines")):
        lines = list(table.lines.all())
        new = copy.clone(table, plan=copy.new)
        for line in lines:
            copy.clone(line, table=new)
