"""A plan's resources: staff tables and the multi-year financial plan (totals computed from their lines),
and key figures as printed. The financial plan's totals of like lines: stats.finance."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.base import YEAR_VALIDATORS, ProtectedModel, SampleDataModel, TimeStampedModel
from plans.models import Plan, PlanContentQuerySet
from zones.models import Municipality


class ResourceQuerySet(PlanContentQuerySet):
    plan_path = "plan"
    protection_paths = ("protection",)


class StaffTable(TimeStampedModel, ProtectedModel, SampleDataModel):
    """The zone's staff at a reference date: operational by rank, CALOG by level."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="staff_tables", verbose_name=_("plan"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    reference_date = models.DateField(
        _("reference date"), null=True, blank=True, help_text=_("Empty when the source gives none.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    # Totals as the document prints them, per group and for the whole table, per column: kept only to show
    # where they disagree with the sums of the lines (PRINTED_TOTAL_FIELDS names them).
    printed_total = models.PositiveIntegerField(
        _("total headcount as printed"),
        null=True,
        blank=True,
        help_text=_("Only to show where the document's total disagrees with the sum of the lines."),
    )
    printed_total_fte = models.DecimalField(
        _("total FTE as printed"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    printed_total_authorised = models.PositiveIntegerField(
        _("total authorised strength as printed"), null=True, blank=True
    )
    printed_operational_actual = models.PositiveIntegerField(
        _("operational headcount as printed"), null=True, blank=True
    )
    printed_operational_fte = models.DecimalField(
        _("operational FTE as printed"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    printed_operational_authorised = models.PositiveIntegerField(
        _("operational authorised strength as printed"), null=True, blank=True
    )
    printed_calog_actual = models.PositiveIntegerField(_("CALOG headcount as printed"), null=True, blank=True)
    printed_calog_fte = models.DecimalField(
        _("CALOG FTE as printed"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    printed_calog_authorised = models.PositiveIntegerField(
        _("CALOG authorised strength as printed"), null=True, blank=True
    )

    objects = ResourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-reference_date"]
        verbose_name = _("staff table")
        verbose_name_plural = _("staff tables")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference_date"],
                name="stafftable_one_per_date",
                violation_error_message=_("This plan already has a staff table at this date."),
            ),
        ]

    def __str__(self):
        if self.title:
            return self.title
        label = str(_("Staff table"))
        return f"{label} {self.reference_date:%d-%m-%Y}" if self.reference_date else label

    def totals(self) -> dict:
        """Sums per category that has lines and overall (``staff_totals``); one query, none with the lines
        prefetched."""
        return staff_totals(self.lines.all(), every_category=False)

    def printed_totals(self, lines=None) -> dict[str, dict[str, dict]]:
        """Per group ('operational', 'calog', 'total') and column ('actual', 'fte', 'authorised'): the total
        computed from *lines* (default: all the table's lines), the total as printed and whether they disagree.

        A total disagrees only where both are known and differ; a printed total beside no figure in the lines
        (or none printed) is not a disagreement.
        """
        computed = staff_totals(self.lines.all() if lines is None else lines)
        result = {}
        for group in STAFF_GROUPS:
            result[group] = {}
            for figure in STAFF_FIGURES:
                printed = getattr(self, PRINTED_TOTAL_FIELDS[group, figure])
                value = computed[group][figure]
                result[group][figure] = {
                    "computed": value,
                    "printed": printed,
                    "disagrees": printed is not None and value is not None and value != printed,
                }
        return result

    def total_rows(self, lines=None) -> list[dict]:
        """The rows of a table's footer: each group that has lines or a printed total, then the whole table;
        each with its label and, per column, computed, printed and disagrees (``printed_totals``)."""
        lines = list(self.lines.all() if lines is None else lines)
        totals = self.printed_totals(lines)
        present = {line.category for line in lines}
        labels = dict(StaffLine.Category.choices) | {"total": _("Total")}
        rows = []
        for group in STAFF_GROUPS:
            cells = totals[group]
            printed = any(cell["printed"] is not None for cell in cells.values())
            if group == "total" or group in present or printed:
                rows.append(
                    {
                        "group": group,
                        "label": labels[group],
                        "cells": [{"figure": figure, **cells[figure]} for figure in STAFF_FIGURES],
                        "disagrees": any(cell["disagrees"] for cell in cells.values()),
                        "printed": printed,
                    }
                )
        return rows

    @property
    def total_disagrees(self) -> bool:
        """True when any printed total (per group or for the whole table, per column) differs from the sum of
        the lines."""
        return any(cell["disagrees"] for group in self.printed_totals().values() for cell in group.values())


class StaffLineQuerySet(PlanContentQuerySet):
    plan_path = "table__plan"
    protection_paths = ("table__protection",)


class StaffLine(models.Model):
    """One rank (operational) or level (CALOG) of a staff table."""

    class Category(models.TextChoices):
        OPERATIONAL = "operational", _("operational")
        CALOG = "calog", _("civilian (CALOG)")

    table = models.ForeignKey(StaffTable, on_delete=models.CASCADE, related_name="lines", verbose_name=_("staff table"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    label = models.CharField(_("rank or level"), max_length=200)
    actual = models.PositiveIntegerField(_("actual headcount"), null=True, blank=True)
    fte = models.DecimalField(
        _("FTE"), max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    authorised = models.PositiveIntegerField(_("authorised strength"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = StaffLineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["table", "category", "order", "id"]
        verbose_name = _("staff line")
        verbose_name_plural = _("staff lines")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "category", "label"],
                name="staffline_unique_label",
                violation_error_message=_("This table already has a line with this rank or level."),
            ),
            models.CheckConstraint(
                condition=Q(fte__isnull=True) | Q(fte__gte=0),
                name="staffline_fte_not_negative",
                violation_error_message=_("FTE cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.label


class FinancialLine(TimeStampedModel, ProtectedModel, SampleDataModel):
    """One line of the multi-year financial plan for one year, of the kind the plan says: begroting (budget),
    raming (estimate), prognose (forecast) or rekening (accounts)."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("budget")
        # "forecast" is the stored value of a raming (estimate) since the first version; kept for the API.
        FORECAST = "forecast", _("estimate")
        PROGNOSIS = "prognosis", _("prognosis")
        ACTUAL = "actual", _("actual (accounts)")

    class Category(models.TextChoices):
        INCOME = "income", _("income")
        DOTATION = "dotation", _("municipal dotation")
        PERSONNEL = "personnel", _("personnel cost")
        OPERATING = "operating", _("operating cost")
        INVESTMENT = "investment", _("investment")
        OTHER_EXPENSE = "other_expense", _("other expense")

    INCOME_CATEGORIES = (Category.INCOME, Category.DOTATION)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="financial_lines", verbose_name=_("plan"))
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.BUDGET)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dotations",
        verbose_name=_("municipality"),
        help_text=_("For a municipal dotation: which municipality pays it."),
    )
    label = models.CharField(_("line"), max_length=200)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ResourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "year", "order", "id"]
        verbose_name = _("financial plan line")
        verbose_name_plural = _("financial plan lines")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "kind", "label"],
                name="financialline_unique_label_per_year",
                violation_error_message=_("This plan already has this line for this year and kind."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="financialline_amount_not_negative",
                violation_error_message=_(
                    "Amounts are entered as positive numbers; the category says income or expense."
                ),
            ),
            models.CheckConstraint(
                condition=Q(category="dotation") | Q(municipality__isnull=True),
                name="financialline_municipality_only_for_dotation",
                violation_error_message=_("Only a municipal dotation names a municipality."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.label}: {self.amount}"

    def clean(self):
        if self.plan_id and self.municipality_id and self.municipality.zone_id != self.plan.zone_id:
            raise ValidationError({"municipality": _("The municipality belongs to another zone.")})


STAFF_FIGURES = ("actual", "fte", "authorised")
STAFF_GROUPS = ("operational", "calog", "total")
PRINTED_TOTAL_FIELDS = {
    (group, figure): "printed_total" if (group, figure) == ("total", "actual") else f"printed_{group}_{figure}"
    for group in STAFF_GROUPS
    for figure in STAFF_FIGURES
}


def staff_totals(lines, *, every_category: bool = True) -> dict[str, dict]:
    """Sums of *lines* (StaffLine) per category and overall ('total'): actual headcount, FTE, authorised strength.

    A sum is None where no line has a figure, so 'not specified' never reads as zero. Every category is a key
    with *every_category*, else only those that have lines. Counts the lines given (e.g. those a user may
    see, or a prefetch); no query of its own.
    """
    lines = list(lines)
    categories = [c.value for c in StaffLine.Category]
    if not every_category:
        present = {line.category for line in lines}
        categories = [c for c in categories if c in present] + sorted(present - set(categories))
    result = {}
    for key in [*categories, "total"]:
        chosen = [line for line in lines if key == "total" or line.category == key]
        result[key] = {}
        for figure in STAFF_FIGURES:
            present = [getattr(line, figure) for line in chosen if getattr(line, figure) is not None]
            result[key][figure] = sum(present) if present else None
    return result


class KeyFigure(ProtectedModel):
    """A figure a plan prints in its text (staff, vehicles, inhabitants...), kept exactly as printed.

    ``value_text`` is the figure as the document words it ("meer dan 1200");
    ``value`` holds it as a number only where the document gives an exact one.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="key_figures", verbose_name=_("plan"))
    label = models.CharField(_("label"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    value_text = models.CharField(_("as printed"), max_length=100)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = ResourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "label"],
                name="keyfigure_unique_label_in_plan",
                violation_error_message=_("This plan already has a key figure with this label."),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.value_text}"
