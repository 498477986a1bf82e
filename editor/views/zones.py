"""A zone's profile and its history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.access import VIEW
from core.history import history_entries
from core.locking import StaleRevision, save_with_revision
from editor.views.base import EditorView, disable_forms
from zones.forms import MunicipalityFormSet, ZoneForm
from zones.models import PoliceZone

# --- The zone --------------------------------------------------------------------------------------------------------


class ZoneEditView(EditorView, TemplateView):
    template_name = "editor/zone_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # A zone and its municipalities are public facts: anyone signed in reads the profile;
        # only the zone's advisors and korpschef (and site administrators) change it.
        self.zone, self.editable = self.open(PoliceZone, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(ZoneForm(instance=self.zone), MunicipalityFormSet(instance=self.zone, prefix="lines"))

    def post(self, request, pk):
        if not self.editable:
            raise PermissionDenied
        form = ZoneForm(request.POST, request.FILES, instance=self.zone)
        formset = MunicipalityFormSet(request.POST, instance=self.zone, prefix="lines")
        if not (form.is_valid() & formset.is_valid()):
            return self.render(form, formset, status=400)
        try:
            with transaction.atomic():
                save_with_revision(form.save(commit=False), form.loaded_revision)
                formset.save()
        except StaleRevision as exc:
            form.add_error(None, exc.message)
            return self.render(form, formset, status=409)
        messages.success(request, _("The zone profile was saved."))
        return redirect("editor:zone", pk=self.zone.pk)

    def render(self, form, formset, status=200):
        if not self.editable:
            disable_forms(form, formset)
        context = {"zone": self.zone, "form": form, "formset": formset, "editable": self.editable}
        return self.render_to_response(self.get_context_data(**context), status=status)


class ZoneHistoryView(EditorView, TemplateView):
    """The history of a zone's profile: the zone and its municipalities, newest first."""

    template_name = "editor/object_history.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        zone = self.open(PoliceZone, pk=kwargs["pk"]).obj
        entries = [entry | {"label": str(zone)} for entry in history_entries(zone, user)]
        for municipality in zone.municipalities.restrict(user, VIEW):
            entries += [entry | {"label": str(municipality)} for entry in history_entries(municipality, user)]
        entries.sort(key=lambda entry: entry["date"], reverse=True)
        return super().get_context_data(**kwargs) | {"zone": zone, "object": zone, "entries": entries}
