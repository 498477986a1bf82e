"""Filters of the documents app, shared by its screens and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.api import IdFilter, SearchFilter, YearFilter
from core.jobs import JobStatus

from .models import AnnualReport, Document


class DocumentFilterSet(django_filters.FilterSet):
    year = YearFilter(field_name="year")
    status = django_filters.ChoiceFilter(choices=JobStatus.choices, label=_("status"))
    current = django_filters.BooleanFilter(
        method="filter_current", label=_("Only the current editions"),
        help_text=_("true: only the newest done document of each plan, kind, edition and year."),
    )  # fmt: skip
    zone = IdFilter(field_name="plan__zone_id", label=_("police zone"))

    class Meta:
        model = Document
        fields = ["plan", "zone", "kind", "protection", "year", "status", "current"]

    def filter_current(self, queryset, name, value):
        if value:
            return queryset.current()
        return queryset


class AnnualReportFilterSet(django_filters.FilterSet):
    year = YearFilter(field_name="year")
    zone = IdFilter(field_name="plan__zone_id", label=_("police zone"))
    q = SearchFilter(["introduction"])

    class Meta:
        model = AnnualReport
        fields = ["plan", "zone", "year", "q"]
