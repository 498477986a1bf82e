"""Form building blocks of the portal: field styling, errors of named constraints at their fields, locking."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import F, Q, UniqueConstraint

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PortalFormMixin:
    """Bootstrap classes and accessible error wiring for every field.

    A form whose model has a ``revision`` counter also carries the revision the
    editor loaded (``loaded_revision``), so a save against a newer one is
    refused instead of overwriting it (see core.locking).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and hasattr(instance, "revision"):
            self.fields["loaded_revision"] = forms.IntegerField(widget=forms.HiddenInput, initial=instance.revision)
        self.style_fields()

    def style_fields(self):
        for name, field in self.fields.items():
            if isinstance(field, forms.DecimalField) and not isinstance(field.widget, forms.HiddenInput):
                # Belgian users type decimal commas ("12,5"): a localized text input takes them (and
                # points too), where <input type=number> would silently drop the comma.
                field.localize = True
                field.widget = forms.TextInput(attrs={"inputmode": "decimal", **field.widget.attrs})
                field.widget.is_localized = True
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = ""
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self.add_prefix(name)}-help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    def _get_validation_exclusions(self):
        """Also check the links the view sets on the row but the form does not show (its plan, priority, zone).

        Django leaves fields that are not on the form out of validation, and with
        them every unique constraint that names one: a second priority number 1 in
        the same plan would reach the database as an IntegrityError.
        """
        exclude = super()._get_validation_exclusions()
        for field in self.instance._meta.fields:
            is_set = getattr(self.instance, field.attname) is not None
            if field.is_relation and field.name not in self.fields and is_set:
                exclude.discard(field.name)
        return exclude

    def _post_clean(self):
        super()._post_clean()
        self._move_constraint_errors_to_fields()

    def _move_constraint_errors_to_fields(self):
        """Put a model constraint's message next to the field it is about instead of above the form.

        Django reports every violated model constraint as an error of the whole
        form; the editor shows it at the field the user has to correct: the
        last field of a unique constraint that the form has (the number of a
        priority, not its plan), or the last field of the form that a check
        constraint names (the end date, not the start date).
        """
        model = getattr(getattr(self, "_meta", None), "model", None)
        errors = self._errors.get(NON_FIELD_ERRORS) if model is not None else None
        if not errors:
            return
        targets = {}
        for constraint in model._meta.constraints:
            if isinstance(constraint, UniqueConstraint):
                names = [name for name in constraint.fields if name in self.fields]
            else:
                referenced = _referenced_fields(getattr(constraint, "condition", None))
                names = [name for name in self.fields if name in referenced]
            if names:
                targets[str(constraint.get_violation_error_message())] = names[-1]
        moved, kept = [], []
        for error in errors.as_data():
            field = targets.get(error.messages[0]) if len(error.messages) == 1 else None
            (moved if field else kept).append((error, field))
        if not moved:
            return
        if kept:
            self._errors[NON_FIELD_ERRORS] = self.error_class(
                [error for error, _field in kept], error_class="nonfield", renderer=self.renderer
            )
        else:
            del self._errors[NON_FIELD_ERRORS]
        for error, field in moved:
            self.add_error(field, error)

    @property
    def loaded_revision(self) -> int | None:
        return self.cleaned_data.get("loaded_revision") if hasattr(self, "cleaned_data") else None


def _referenced_fields(condition) -> set[str]:
    """The model fields a check constraint's condition names (lookups and F() expressions)."""
    names = set()
    if isinstance(condition, Q):
        for child in condition.children:
            if isinstance(child, Q):
                names |= _referenced_fields(child)
            else:
                lookup, value = child
                names.add(lookup.split("__")[0])
                if isinstance(value, F):
                    names.add(value.name.split("__")[0])
    return names


class PortalModelForm(PortalFormMixin, forms.ModelForm):
    pass


class RichTextarea(forms.Textarea):
    """A textarea that the page turns into the rich-text editor (HTML is sanitised on save)."""

    def __init__(self, attrs=None):
        super().__init__({"class": "rich-text", "rows": 14, **(attrs or {})})
