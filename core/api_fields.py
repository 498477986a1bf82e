"""The API never drops data: a write naming a field it cannot take is refused (400), with the field named.

* ``StrictFieldsMixin``: on every serializer that reads a request body (the model serializers through
  ``core.api.ModelCleanSerializer``, the workflow steps' and bulk rows' request serializers), a key that is
  not a field answers "unknown field" and a read-only field answers "cannot be changed", instead of DRF's
  default of ignoring both with a 200.
* ``refuse_body``: for steps that take no body at all (approve, resolve, confirm).
* ``IndexedListSerializer``: a nested list's errors keyed by row index (``{"1": {"postal_code": [...]}}``).
* ``forbid_additional_properties``: the OpenAPI schema says so (``additionalProperties: false`` on every
  request body).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers

# Keys a browser form adds that are not data (the browsable API's forms).
IGNORED_KEYS = frozenset({"csrfmiddlewaretoken"})

UNKNOWN_FIELD = _("Unknown field: nothing of this name can be written here. Fields you can write: %(fields)s.")
READ_ONLY_FIELD = _("This field cannot be changed here: it is read-only.")
NO_FIELDS = _("Unknown field: this step takes no fields.")


def unwritable_field_errors(serializer: serializers.Serializer, data: Mapping) -> dict:
    """{key: [message]} for each key of *data* that *serializer* cannot write; {} when all are writable."""
    fields = serializer.fields
    writable = [name for name, field in fields.items() if not field.read_only]
    errors = {}
    for key in data:
        if key in IGNORED_KEYS or (key in fields and not fields[key].read_only):
            continue
        if key in fields:
            errors[key] = [gettext(READ_ONLY_FIELD)]
        else:
            errors[key] = [gettext(UNKNOWN_FIELD) % {"fields": ", ".join(writable) or "-"}]
    return errors


class StrictFieldsMixin:
    """Refuses a body naming a field this serializer cannot write (400, per field), before any validation."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = unwritable_field_errors(self, data)
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    """A request serializer (a step's parameters, a bulk row) that refuses unknown fields."""


def refuse_body(request) -> None:
    """For a step without parameters: any field sent is refused (400) rather than ignored."""
    data = request.data
    keys = [key for key in data if key not in IGNORED_KEYS] if isinstance(data, Mapping) else []
    if keys:
        raise exceptions.ValidationError({key: [gettext(NO_FIELDS)] for key in keys})
    if isinstance(data, list) and data:
        raise exceptions.ValidationError({"non_field_errors": [gettext(NO_FIELDS)]})


class IndexedListSerializer(serializers.ListSerializer):
    """A nested list whose errors are keyed by the row's index ("0", "1", ...), rows without errors left out."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, list):
                raise serializers.ValidationError(
                    {str(index): errors for index, errors in enumerate(exc.detail) if errors}
                ) from exc
            raise


def forbid_additional_properties(result, generator, request, public):
    """drf-spectacular postprocessing hook: request bodies take only their own properties."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result
