"""The upload form: which kind of file, into which zone (and plan), and the file."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.access import IMPORT, VIEW, zones_where
from core.forms import PortalFormMixin
from plans.models import Plan
from zones.models import PoliceZone

from .kinds import SPECS
from .models import ImportKind
from .parsers import FileProblem, file_format, size_problem
from .services import may_import


class UploadForm(PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    zone = forms.ModelChoiceField(label=_("Police zone"), queryset=PoliceZone.objects.none())
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("Needed for indicator values, staff and budget tables."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon, UTF-8 or Windows-1252) or Excel (.xlsx), with the template's columns."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        zones = PoliceZone.objects.all()
        where = zones_where(user, IMPORT)
        if where is not None:
            zones = zones.filter(pk__in=where)
        self.fields["zone"].queryset = zones
        self.fields["plan"].queryset = Plan.objects.restrict(user, VIEW).filter(zone__in=zones).select_related("zone")
        self.fields["plan"].label_from_instance = lambda plan: f"{plan.zone.name}: {plan.title}"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            file_format(upload.name)
        except FileProblem as exc:
            raise ValidationError(str(exc)) from exc
        too_large = size_problem(upload.size or 0)
        if too_large:
            raise ValidationError(too_large)
        return upload

    def clean(self):
        data = super().clean()
        kind, zone, plan = data.get("kind"), data.get("zone"), data.get("plan")
        if not (kind and zone):
            return data
        if SPECS[kind].scope == "plan":
            if plan is None:
                self.add_error("plan", _("Choose the plan this file belongs to."))
                return data
            if plan.zone_id != zone.pk:
                self.add_error("plan", _("This plan belongs to another zone."))
                return data
        if not may_import(self.user, kind, zone, plan):
            raise ValidationError(_("Your role does not allow this import here (or the plan can no longer change)."))
        return data
