"""The generic screens of a plan's sections (editor.sections): list, add, change, delete, history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from comments.forms import CommentForm
from comments.models import Comment
from core.access import VIEW, can_add
from core.history import history_entries
from core.locking import StaleRevision, lost_race_as_error, save_with_revision
from editor.sections import SECTIONS
from editor.views.base import EditorView, disable_forms, require_change
from priorities.models import Priority
from stats.models import Indicator

# --- Generic sections -----------------------------------------------------------------------------------------------


class SectionMixin(EditorView):
    def dispatch(self, request, *args, **kwargs):
        self.section = SECTIONS.get(kwargs["section"])
        if self.section is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def section_context(self, parent) -> dict:
        plan = self.section.plan_of(parent)
        context = {"section": self.section, "parent": parent, "parent_section": _section_of(parent)}
        context |= self.plan_context(plan) if plan is not None else {"zone": parent}
        return context


def _section_of(obj):
    from editor.sections import SECTION_BY_MODEL

    return SECTION_BY_MODEL.get(type(obj))


class SectionListView(SectionMixin, TemplateView):
    template_name = "editor/section_list.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        user, section = self.request.user, self.section
        parent = self.open(section.parent_model, pk=kwargs["parent_pk"]).obj
        rows = section.model.objects.restrict(user, VIEW).filter(**{section.parent_field: parent})
        query = self.request.GET.get("q", "").strip()
        # Search and filters: the model's FilterSet, the same the API's list uses (same words, same fields).
        filters = section.filterset_class(self.request.GET, queryset=rows, request=self.request)
        rows = filters.qs if filters.is_valid() else rows.none()
        sortable = {c for c in section.columns if not c.startswith("is_")} | set(section.extra_sorts)
        sort = self.request.GET.get("sort", section.sort_default)
        if sort.lstrip("-") not in sortable:
            sort = section.sort_default
        rows = rows.order_by(sort, "pk")
        related = [c for c in section.columns if section.model._meta.get_field(c).is_relation]
        page = Paginator(rows.select_related(*related), self.paginate_by).get_page(self.request.GET.get("page"))
        plan = section.plan_of(parent)
        return super().get_context_data(**kwargs) | self.section_context(parent) | {
            "page": page, "query": query, "sort": sort, "filter_errors": filters.errors,
            "columns": [(c, section.model._meta.get_field(c).verbose_name, c in sortable) for c in section.columns],
            "can_add": can_add(user, section.model, plan=plan, zone_id=section.zone_id_of(parent)),
        }  # fmt: skip


class SectionFormView(SectionMixin, TemplateView):
    template_name = "editor/section_form.html"

    def get_object_and_parent(self, **kwargs):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        section = SECTIONS.get(kwargs["section"])
        if section is None:
            raise Http404
        self.section = section
        self.object, self.parent, self.editable = self.get_object_and_parent(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def build(self, data=None, files=None):
        section, kwargs = self.section, self.section.form_kwargs(self.parent)
        form = section.form_class(data, files, instance=self.object, **kwargs)
        # Choices (a priority's stakeholder expectations, an indicator's priority or series) list only
        # the rows this user may see: a restricted row's name must not reach a reader through a <select>.
        for field in form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                field.queryset = queryset.restrict(self.request.user, VIEW)
        formset = None
        if section.formset_class is not None:
            formset = section.formset_class(data, files, instance=self.object, prefix="lines")
        return form, formset

    def get(self, request, *args, **kwargs):
        form, formset = self.build()
        return self.render(form, formset)

    def post(self, request, *args, **kwargs):
        if not self.editable:
            raise PermissionDenied(_("You may not change this."))
        form, formset = self.build(request.POST, request.FILES)
        valid = form.is_valid() & (formset is None or formset.is_valid())
        if not valid:
            return self.render(form, formset, status=400)
        if self.object.pk and not form.has_changed() and not (formset and formset.has_changed()):
            messages.info(request, _("Nothing changed."))
            return HttpResponseRedirect(self.success_url())
        try:
            with lost_race_as_error(), transaction.atomic():
                obj = form.save(commit=False)
                if hasattr(obj, "revision"):
                    save_with_revision(obj, form.loaded_revision)
                else:  # a model without a revision counter (values, key figures) cannot be locked
                    obj.save()
                form.save_m2m()
                if formset is not None:
                    formset.instance = obj
                    formset.save()
        except StaleRevision as exc:
            form.add_error(None, exc.message)
            return self.render(form, formset, status=409)
        except ValidationError as exc:  # a rule only the database or a service knows
            form.add_error(None, exc)
            return self.render(form, formset, status=400)
        self.object = obj
        messages.success(request, _("“%(object)s” was saved.") % {"object": obj})
        return HttpResponseRedirect(self.success_url())

    def success_url(self):
        if "_continue" in self.request.POST:
            return reverse("editor:section-edit", args=[self.section.slug, self.object.pk])
        return reverse("editor:section-list", args=[self.section.slug, self.parent.pk])

    def render(self, form, formset, status=200):
        if not self.editable:
            disable_forms(form, formset)
        context = self.section_context(self.parent) | {
            "form": form, "formset": formset, "object": self.object, "editable": self.editable,
            "comments": self.comments(), "comment_form": CommentForm(),
        }  # fmt: skip
        return self.render_to_response(self.get_context_data(**context), status=status)

    def comments(self):
        if self.object.pk and isinstance(self.object, Priority | Indicator):
            field = "priority" if isinstance(self.object, Priority) else "indicator"
            return Comment.objects.restrict(self.request.user, VIEW).filter(**{field: self.object})
        return None


class SectionCreateView(SectionFormView):
    def get_object_and_parent(self, **kwargs):
        section, user = self.section, self.request.user
        parent = self.open(section.parent_model, pk=kwargs["parent_pk"]).obj
        if not can_add(user, section.model, plan=section.plan_of(parent), zone_id=section.zone_id_of(parent)):
            raise PermissionDenied(_("You may not add to this."))
        return section.model(**{section.parent_field: parent}), parent, True


class SectionUpdateView(SectionFormView):
    def get_object_and_parent(self, **kwargs):
        section = self.section
        obj, may_change = self.open(section.model, pk=kwargs["pk"])
        return obj, getattr(obj, section.parent_field), may_change


class SectionDeleteView(SectionMixin, TemplateView):
    template_name = "editor/section_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_target(self, pk):
        return require_change(self.open(self.section.model, pk=pk))

    def get_context_data(self, **kwargs):
        obj = self.get_target(kwargs["pk"])
        parent = getattr(obj, self.section.parent_field)
        return super().get_context_data(**kwargs) | self.section_context(parent) | {"object": obj}

    def post(self, request, section, pk):
        obj = self.get_target(pk)
        parent = getattr(obj, self.section.parent_field)
        with transaction.atomic():
            label = str(obj)
            obj.delete()
        messages.success(request, _("“%(object)s” was deleted.") % {"object": label})
        return redirect("editor:section-list", self.section.slug, parent.pk)


class SectionHistoryView(SectionMixin, TemplateView):
    template_name = "editor/object_history.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        obj = self.open(self.section.model, pk=kwargs["pk"]).obj
        parent = getattr(obj, self.section.parent_field)
        entries = history_entries(obj, user)
        formset_class = self.section.formset_class
        if formset_class is not None and hasattr(formset_class.model, "history"):
            # The rows edited with it (a series' yearly figures, a table's lines, an indicator's targets) too.
            entries = [entry | {"label": str(obj)} for entry in entries]
            children = formset_class.model.objects.filter(**{formset_class.fk.name: obj})
            for child in children.restrict(user, VIEW) if hasattr(children, "restrict") else children:
                entries += [entry | {"label": str(child)} for entry in history_entries(child, user)]
            entries.sort(key=lambda entry: entry["date"], reverse=True)
        return super().get_context_data(**kwargs) | self.section_context(parent) | {
            "object": obj, "entries": entries,
        }  # fmt: skip
