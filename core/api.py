"""Pieces shared by the REST API of every app (version 1, mounted at /api/v1/).

* ``RestrictedViewSet``: reads what ``restrict(user, "view")`` allows, writes
  what ``restrict(user, "change")`` allows (core/access.py decides both);
  a new row must be one the user could change once it exists.
* ``ModelCleanSerializer``: validates like the forms (``full_clean()``, so the
  models' field checks, ``clean()`` and named constraints) and saves rows that
  carry a ``revision`` through ``core.locking.save_with_revision``. A field it cannot write (unknown or
  read-only) is a 400 naming it (core/api_fields.py); an update that changes nothing saves nothing.
* Optimistic locking: detail responses carry ``ETag: "<revision>"``; an update
  sends the revision it loaded in ``If-Match`` (412 when stale) or as
  ``revision`` in the body (409 when stale); without either, 428.
* ``exception_handler``: the services' exceptions as HTTP answers.
* ``Pagination`` (and ``AutoSchema`` in core/api_schema.py): documented page sizes, error responses and
  a description for every operation.
"""

from __future__ import annotations

import copy
import re

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, Q, RestrictedError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.drainage import set_override
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.access import VIEW, can_change
from core.api_fields import StrictFieldsMixin
from core.locking import StaleRevision, save_with_revision

# The timestamp fields every serializer lists after its own.
TIMESTAMPS = ("created_at", "updated_at")
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
# Ids are 64-bit; a larger number in a filter is refused (400) instead of reaching the database.
MAX_ID = 2**63 - 1


# "%" on a lazy translation translates at once (at import, in the default language); this waits for the request.
lazy_format = lazy(lambda message, args: str(message) % args, str)


def has_revision(model) -> bool:
    return any(field.name == "revision" for field in model._meta.concrete_fields)


# --- Errors ---------------------------------------------------------------------------------------------------------


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Send the revision you loaded, in the If-Match header (the ETag of the detail response) "
        "or as 'revision' in the body."
    )
    default_code = "precondition_required"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The request conflicts with the current state of the data.")
    default_code = "conflict"


def validation_error_detail(exc: DjangoValidationError):
    """A Django ValidationError as DRF's {field: [messages]}, with "__all__" under non_field_errors."""
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in exc.messages]}


class RevisionMismatch(Exception):
    """The client's revision is not the stored one: 412 when it came in If-Match, 409 in the body."""

    def __init__(self, current_revision: int, status_code: int, message):
        super().__init__(str(message))
        self.current_revision, self.status_code, self.message = current_revision, status_code, message


STALE_MESSAGE = _(
    "Somebody else saved this in the meantime (it is now at revision %(current)s). Your changes were not "
    "saved: reload, apply them again and send the new revision."
)


def _revision_response(exc: RevisionMismatch) -> Response:
    return Response({"detail": str(exc.message), "current_revision": exc.current_revision}, status=exc.status_code)


def exception_handler(exc, context):
    """DRF's handler, plus the exceptions the services and the locking raise.

    StaleRevision -> 409; TransitionError and other ValidationErrors -> 400 with
    field errors; PermissionDenied -> 403 (DRF); a row others still refer to -> 409.
    """
    if isinstance(exc, StaleRevision):
        exc = RevisionMismatch(exc.current_revision, status.HTTP_409_CONFLICT,
                               STALE_MESSAGE % {"current": exc.current_revision})  # fmt: skip
    if isinstance(exc, RevisionMismatch):
        return _revision_response(exc)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, (ProtectedError, RestrictedError)):
        exc = Conflict(_("Other rows still refer to this one; it cannot be deleted."))
    elif isinstance(exc, IntegrityError):
        # full_clean() catches the named constraints first; this only answers a concurrent duplicate.
        exc = Conflict(_("The data conflicts with a row saved in the meantime; reload and try again."))
    elif isinstance(exc, DjangoPermissionDenied) and not exc.args:
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc.args[0]))
    return drf_exception_handler(exc, context)


# --- Pagination -----------------------------------------------------------------------------------------------------


class Pagination(PageNumberPagination):
    """Page-numbered lists: 50 rows a page by default, ``page_size`` up to 200."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_size_query_description = lazy_format(
        _("Number of results per page: %(default)s by default, from 1 to at most %(max)s (otherwise 400)."),
        {"default": DEFAULT_PAGE_SIZE, "max": MAX_PAGE_SIZE},
    )

    def get_page_size(self, request):
        """The asked page size; a value that is not a whole number from 1 to MAX_PAGE_SIZE is refused (400)."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        lazy_format(_("A whole number from 1 to %(max)s."), {"max": MAX_PAGE_SIZE})
                    ]
                }
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = str(self.page_size_query_description)
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                }
            elif parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


# --- Filters --------------------------------------------------------------------------------------------------------


class _BoundedIntegerFilter(django_filters.NumberFilter):
    """An integer filter with bounds, documented in the schema with its help text."""

    field_class = forms.IntegerField
    bounds = (1, MAX_ID)
    default_help = ""

    def __init__(self, *args, **kwargs):
        low, high = self.bounds
        kwargs.setdefault("min_value", low)
        kwargs.setdefault("max_value", high)
        super().__init__(*args, **kwargs)
        name = (self.field_name or "").removesuffix("_id").replace("__", "'s ")
        description = str(self.extra.get("help_text") or self.default_help.format(name=name))
        set_override(self, "field", {"type": "integer", "minimum": low, "maximum": high, "description": description})


class IdFilter(_BoundedIntegerFilter):
    """Rows linked to the row with this id; the linked row is not looked up, so nothing leaks."""

    default_help = "Only rows whose {name} is this id."


class YearFilter(_BoundedIntegerFilter):
    bounds = (1, 9999)
    default_help = "Only rows of this year."


def search_terms(value: str) -> list[str]:
    """The words of a search, a "quoted phrase" counting as one; at most ten."""
    return [phrase or word for phrase, word in re.findall(r'"([^"]+)"|(\S+)', value) if (phrase or word).strip()][:10]


class SearchFilter(django_filters.CharFilter):
    """``q``: every word (or "quoted phrase") must occur, case-insensitive, in at least one of *search_fields*."""

    def __init__(self, search_fields, **kwargs):
        self.search_fields = tuple(search_fields)
        kwargs.setdefault("label", _("Text search"))
        kwargs.setdefault(
            "help_text",
            lazy_format(_('Words (or "quoted phrases") that must all occur in: %s.'), ", ".join(self.search_fields)),
        )
        super().__init__(method=self.search, **kwargs)

    def search(self, queryset, name, value):
        for word in search_terms(value):
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset


# --- Serializers ----------------------------------------------------------------------------------------------------


def _restricted(queryset, context):
    if queryset is None or not hasattr(queryset, "restrict"):
        return queryset
    request = context.get("request")
    return queryset.restrict(getattr(request, "user", None), VIEW)


class RestrictedRelatedField(serializers.PrimaryKeyRelatedField):
    """A link to another row, by id; only rows the user may see are accepted."""

    def get_queryset(self):
        return _restricted(super().get_queryset(), self.context)


class ParentField(RestrictedRelatedField):
    """The row a row belongs to (its zone, plan, priority...): fixed once created.

    An id the user cannot see answers 404, as the detail endpoint of that row would.
    """

    def to_internal_value(self, data):
        try:
            parent = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if getattr(exc, "detail", None) and any(getattr(d, "code", "") == "does_not_exist" for d in exc.detail):
                raise exceptions.NotFound(
                    _("No %(model)s with id %(id)s that you may see.")
                    % {"model": self.queryset.model._meta.verbose_name, "id": data}
                ) from exc
            raise
        instance = getattr(self.parent, "instance", None)
        if isinstance(instance, models.Model):
            current = getattr(instance, f"{self.source}_id", None)
            if current is not None and current != parent.pk:
                raise serializers.ValidationError(_("This cannot move to another %(model)s.")
                                                  % {"model": self.queryset.model._meta.verbose_name})  # fmt: skip
        return parent


class ModelCleanSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    # Validates like the forms do, and saves through the optimistic locking. (Comments, not a docstring:
    # the schema would show a docstring on every serializer.)
    #
    # A field it cannot write (unknown or read-only) is refused with 400 (core.api_fields). An update
    # that changes nothing saves nothing: the revision stays. Nested writable lists are left to the
    # subclass (``nested_fields``); it sets ``force_save`` when they change.
    #
    # ``parent_field`` names the link to the row this one belongs to; the parent is fixed once the row
    # exists. ``revision`` is the row's revision: in every response; an update may send back the one it
    # loaded (or use If-Match).

    serializer_related_field = RestrictedRelatedField
    parent_field: str | None = None
    force_save = False

    @property
    def nested_fields(self) -> set[str]:
        return {name for name, field in self.fields.items() if isinstance(field, serializers.BaseSerializer)}

    def build_relational_field(self, field_name, relation_info):
        field_class, field_kwargs = super().build_relational_field(field_name, relation_info)
        if field_name == self.parent_field:
            field_class = ParentField
        return field_class, field_kwargs

    def get_fields(self):
        fields = super().get_fields()
        if "revision" in fields and has_revision(self.Meta.model):
            fields["revision"] = serializers.IntegerField(
                required=False,
                min_value=1,
                help_text=_(
                    "Counts up on every save. Never set by you: on update, send back the revision you "
                    "loaded (or its ETag in If-Match); a stale one is refused with 409 (412 for If-Match)."
                ),
            )
        return fields

    # DRF's unique-together validators would make their fields required (Priority.code is optional, but
    # unique in its plan when given); full_clean() checks the same named constraints, with their messages.
    def get_validators(self):
        return []

    def get_uniqueness_extra_kwargs(self, field_names, declared_fields, extra_kwargs):
        return extra_kwargs, {}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        attrs.pop("revision", None)
        model = self.Meta.model
        skip = {f.name for f in model._meta.many_to_many} | self.nested_fields
        values = {k: v for k, v in attrs.items() if k not in skip}
        if self.instance is None:
            candidate = model(**values)
        else:
            candidate = copy.copy(self.instance)
            for name, value in values.items():
                setattr(candidate, name, value)
        try:
            candidate.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(validation_error_detail(exc)) from exc
        self.validate_links(candidate, attrs)
        return attrs

    def validate_links(self, candidate, attrs):
        """Checks of many-to-many links that full_clean() cannot see; override where needed."""

    def changes(self, instance, validated_data) -> list[str]:
        """The fields the client sent whose value differs from the stored one.

        Values the view adds on save (``save(entered_by=user)``) count only along with a real change.
        """
        many = {f.name for f in instance._meta.many_to_many}
        changed = []
        for name in set(self.validated_data) & set(validated_data):
            value = validated_data[name]
            if name in many:
                current = {obj.pk for obj in getattr(instance, name).all()}
                if current != {getattr(obj, "pk", obj) for obj in value}:
                    changed.append(name)
            elif hasattr(value, "read") and hasattr(value, "name"):
                changed.append(name)  # an uploaded file is a change
            elif getattr(instance, name) != value:
                changed.append(name)
        return changed

    @transaction.atomic
    def update(self, instance, validated_data):
        if not self.changes(instance, validated_data) and not self.force_save:
            return instance  # nothing to save: no new revision, no history row
        many = {f.name for f in instance._meta.many_to_many}
        links = {name: validated_data.pop(name) for name in list(validated_data) if name in many}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        if has_revision(type(instance)):
            save_with_revision(instance, self.context.get("expected_revision"))
        else:
            instance.save()
        for name, value in links.items():
            getattr(instance, name).set(value)
        return instance


# --- Views ----------------------------------------------------------------------------------------------------------


_ETAG = re.compile(r'^(?:W/)?"?(\d+)"?$')


def parse_if_match(header: str) -> list[int | None]:
    """The revisions named in an If-Match header; None for anything that is not one of our ETags."""
    result = []
    for part in header.split(","):
        match = _ETAG.match(part.strip())
        result.append(int(match.group(1)) if match else None)
    return result


class RestrictedMixin:
    """What every viewset of the portal shares: the restricted queryset, locking, the user."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    pagination_class = Pagination
    select_related: tuple[str, ...] = ()

    @property
    def model(self):
        return self.queryset.model

    @property
    def user(self):
        return self.request.user

    def get_queryset(self):
        queryset = self.queryset.all().restrict(self.user, VIEW)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return self.optimize(queryset)

    def optimize(self, queryset):
        """select_related/prefetch_related (with restricted Prefetch querysets) so queries stay constant."""
        return queryset


class RowActionsViewSet(RestrictedMixin, viewsets.GenericViewSet):
    """Only ``@action(detail=True)`` routes on rows that another app's viewset serves.

    An app above another adds its own steps to the lower app's rows under the same URL
    (``/plans/{id}/values/{year}/`` from stats, ``/priorities/{id}/comments/`` from comments)
    without the lower app importing it: register this viewset with the same prefix and basename.
    """


class RestrictedViewSet(RestrictedMixin, viewsets.ModelViewSet):
    """Read and write one model, as core/access.py allows.

    Lists and details show ``Model.objects.restrict(user, "view")``; updates and
    deletes need the row in ``restrict(user, "change")`` (403 otherwise); a
    created row must be one the user could change (403 otherwise, nothing is
    saved). Anonymous callers read what citizens see and write nothing (401).
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context.setdefault("expected_revision", getattr(self, "_expected_revision", None))
        return context

    def check_can_change(self, instance):
        if not can_change(self.user, instance):
            raise exceptions.PermissionDenied(_("You may see this, but not change it."))

    def etag_headers(self, instance) -> dict:
        return {"ETag": f'"{instance.revision}"'} if has_revision(type(instance)) else {}

    # -- optimistic locking

    def expected_revision(self, request, instance, required=True) -> tuple[int | None, str | None]:
        """The revision the client loaded and where it came from ("header" or "body"); 428/412/409 when wrong."""
        if not has_revision(type(instance)):
            return None, None
        header = request.headers.get("If-Match")
        if header:
            if instance.revision not in parse_if_match(header):
                raise RevisionMismatch(instance.revision, status.HTTP_412_PRECONDITION_FAILED,
                                       STALE_MESSAGE % {"current": instance.revision})  # fmt: skip
            return instance.revision, "header"
        body = request.data.get("revision") if isinstance(request.data, dict) else None
        if body is None or body == "":
            if required:
                raise PreconditionRequired()
            return None, None
        try:
            loaded = int(body)
        except (TypeError, ValueError):
            raise exceptions.ValidationError({"revision": [_("A valid integer is required.")]}) from None
        if loaded != instance.revision:
            raise RevisionMismatch(instance.revision, status.HTTP_409_CONFLICT,
                                   STALE_MESSAGE % {"current": instance.revision})  # fmt: skip
        return loaded, "body"

    # -- actions

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance)
        return Response(serializer.data, headers=self.etag_headers(instance))

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = self.perform_create(serializer)
            # The one rule decides creation too: the new row must be one the user may change.
            if not can_change(self.user, instance):
                raise exceptions.PermissionDenied(_("You may not add this here."))
        instance = self.get_queryset().get(pk=instance.pk)
        data = self.get_serializer(instance).data
        return Response(data, status=status.HTTP_201_CREATED, headers=self.etag_headers(instance))

    def perform_create(self, serializer):
        return serializer.save()

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        self.check_can_change(instance)
        expected, source = self.expected_revision(request, instance)
        self._expected_revision = expected
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            self.perform_update(serializer)
        except StaleRevision as exc:
            code = status.HTTP_412_PRECONDITION_FAILED if source == "header" else status.HTTP_409_CONFLICT
            raise RevisionMismatch(
                exc.current_revision, code, STALE_MESSAGE % {"current": exc.current_revision}
            ) from exc
        instance = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(instance).data, headers=self.etag_headers(instance))

    def perform_update(self, serializer):
        return serializer.save()

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self.check_can_change(instance)
        # Deleting needs no revision, but a stale one given in If-Match is refused.
        self.expected_revision(request, instance, required=False)
        instance.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReadOnlyRestrictedViewSet(RestrictedViewSet):
    """Lists and details only."""

    http_method_names = ["get", "head", "options"]
