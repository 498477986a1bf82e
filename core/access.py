"""Who may see and change what: the one place that decides.

Views, the API, dashboards, tasks and the public pages all ask this module
(mostly through ``RestrictedQuerySet.restrict``); nothing re-implements the
rule elsewhere, least of all a template.

The rule:

* A site administrator (superuser) sees and changes everything.
* Anyone, signed in or not, sees the *public* parts of *published* plans
  (and of archived plans that were published before): what a citizen sees.
  A yearly indicator value counts only once the council approved it.
* A member of a zone (advisor, council member, korpschef) also sees every
  part of every plan of that zone, drafts and restricted parts included.
  A reader (federal or provincial) of a zone sees what citizens see of it;
  the role only lists the zone among those the reader compares.
* Advisors and the korpschef change their zone's plans while those are drafts;
  approved and published versions are frozen (a change goes into a revision
  or an addendum). The yearly follow-up (action plans and their progress,
  measured indicator values) goes on while a plan is in force, so those
  models stay editable until the plan is archived; a measured value is frozen
  once the council approved it.
"""

from __future__ import annotations

from functools import reduce
from operator import and_
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.base import Protection

VIEW = "view"
CHANGE = "change"


class Role(models.TextChoices):
    ADVISOR = "advisor", _("policy advisor")
    COUNCIL = "council", _("council member")
    CHIEF = "chief", _("chief of police")
    # A federal or provincial reader follows several zones side by side (the dashboards' comparison), and sees
    # of them what citizens see: no drafts, no restricted parts, no values the council has not approved.
    READER = "reader", _("reader (federal or provincial)")


EDIT_ROLES = frozenset({Role.ADVISOR, Role.CHIEF})
# The roles that open a zone's internals (drafts, restricted parts, unapproved values, comments).
MEMBER_ROLES = frozenset({Role.ADVISOR, Role.COUNCIL, Role.CHIEF})


def zone_roles(user) -> dict[int, frozenset[str]]:
    """The roles a user holds, per zone id; cached on the user object."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, "_zvp_zone_roles", None)
    if cached is None:
        membership = apps.get_model(settings.ZVP_ZONE_MEMBERSHIP_MODEL)
        roles: dict[int, set[str]] = {}
        for zone_id, role in membership.objects.filter(user=user).values_list("zone_id", "role"):
            roles.setdefault(zone_id, set()).add(role)
        cached = {zone_id: frozenset(r) for zone_id, r in roles.items()}
        user._zvp_zone_roles = cached
    return cached


def is_site_admin(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def zone_ids(user, action: str = VIEW) -> set[int]:
    """Ids of the zones whose non-public content the user may see (or change)."""
    roles = zone_roles(user)
    wanted = MEMBER_ROLES if action == VIEW else EDIT_ROLES
    return {zone_id for zone_id, held in roles.items() if held & wanted}


def has_zone_role(user, zone_id: int, *wanted: str) -> bool:
    if is_site_admin(user):
        return True
    return bool(zone_roles(user).get(zone_id, frozenset()) & set(wanted))


def sees_zone_internals(user, zone_id: int) -> bool:
    """May *user* see a zone's non-public content (drafts, restricted parts, unapproved values)?"""
    return is_site_admin(user) or zone_id in zone_ids(user, VIEW)


def _prefix(path: str) -> str:
    return f"{path}__" if path else ""


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows how to keep to what a user may see or change.

    Each model's queryset says where its plan is (``plan_path``: "" for the
    plan itself, None for zone-level data such as statistics, which then name
    ``zone_path``), which protection fields must all be public for a citizen
    (``protection_paths``; those reached through a nullable link are listed in
    ``optional_protection_paths`` as (link, protection field) pairs), and any
    extra condition for public rows (``public_condition``).
    """

    plan_path: str | None = "plan"
    zone_path: str | None = None
    protection_paths: tuple[str, ...] = ("protection",)
    optional_protection_paths: tuple[tuple[str, str], ...] = ()
    # The plan statuses in which a plan's rows reach citizens, and in which they change by default; the plans
    # app names them (plans.models.PlanContentQuerySet), this module knows no plan.
    public_statuses: tuple[str, ...] = ()
    default_editable_statuses: tuple[str, ...] = ()
    # Plan statuses in which rows of this model may change; None: ``default_editable_statuses``.
    editable_statuses: tuple[str, ...] | None = None

    def public_condition(self) -> Q:
        return Q()

    def change_condition(self) -> Q:
        """An extra condition a row must meet to be changed (besides zone and plan status)."""
        return Q()

    def _zone_lookup(self) -> str:
        if self.zone_path is not None:
            return self.zone_path
        return f"{_prefix(self.plan_path)}zone"

    def _plan_statuses(self, statuses: tuple[str, ...]) -> tuple[str, ...]:
        if not statuses:
            raise ImproperlyConfigured(f"{type(self).__name__} names a plan_path but no plan statuses.")
        return statuses

    def _public_q(self, published_only: bool = True) -> Q:
        conditions = [self.public_condition()]
        if self.plan_path is not None and published_only:
            conditions.append(Q(**{f"{_prefix(self.plan_path)}status__in": self._plan_statuses(self.public_statuses)}))
        conditions += [Q(**{path: Protection.PUBLIC}) for path in self.protection_paths]
        conditions += [
            Q(**{f"{fk}__isnull": True}) | Q(**{path: Protection.PUBLIC}) for fk, path in self.optional_protection_paths
        ]
        condition = reduce(and_, conditions)
        # An empty Q() means "every row", but Q() | Q(...) drops it: say "every row" explicitly.
        return condition if condition else Q(pk__isnull=False)

    def _zone_q(self, ids: set[int]) -> Q:
        return Q(**{f"{self._zone_lookup()}_id__in": ids})

    def restrict(self, user, action: str = VIEW) -> RestrictedQuerySet:
        if action == VIEW:
            if is_site_admin(user):
                return self
            return self.filter(self._public_q() | self._zone_q(zone_ids(user, VIEW)))
        # Frozen is frozen for everyone, site administrators included.
        condition = self.change_condition()
        if not is_site_admin(user):
            condition &= self._zone_q(zone_ids(user, CHANGE))
        if self.plan_path is not None:
            statuses = self._plan_statuses(self.editable_statuses or self.default_editable_statuses)
            condition &= Q(**{f"{_prefix(self.plan_path)}status__in": statuses})
        return self.filter(condition)

    def public(self) -> RestrictedQuerySet:
        """What a citizen sees, whoever asks."""
        return self.filter(self._public_q())

    def public_parts(self) -> RestrictedQuerySet:
        """The parts a citizen will see once their plan is published (the public edition of a plan in any status)."""
        return self.filter(self._public_q(published_only=False))


class ReferenceQuerySet(models.QuerySet):
    """Reference data shared by all zones (policy frameworks, crime categories).

    Everyone reads it; only site administrators change it.
    """

    def restrict(self, user, action: str = VIEW) -> ReferenceQuerySet:
        if action == VIEW or is_site_admin(user):
            return self
        return self.none()

    def public(self) -> ReferenceQuerySet:
        return self

    def public_parts(self) -> ReferenceQuerySet:
        return self


def can_add(user, model, plan=None, zone_id=None) -> bool:
    """May *user* add a row of *model* to *plan* (or, for zone-level data, to zone *zone_id*)?

    The same rule as ``restrict(user, "change")`` applied to the row that would exist.
    """
    queryset = model.objects.all()
    if plan is not None:
        zone_id = plan.zone_id
        statuses = getattr(queryset, "editable_statuses", None) or queryset.default_editable_statuses
        if plan.status not in statuses:
            return False
    return is_site_admin(user) or zone_id in zone_ids(user, CHANGE)


# --- Named checks -----------------------------------------------------------------------------------------------------
# What each role may do in its zone besides changing rows. Views, the API, services and templates ask these
# functions (or the flags views compute with them); nothing else tests a role or ``is_superuser``.
# A site administrator may do everything (frozen rows stay frozen: that is restrict()'s rule).

COMMENT = "comment"
RESOLVE_COMMENT = "resolve_comment"
ENTER_VALUES = "enter_values"
APPROVE_VALUES = "approve_values"
NEW_VERSION = "new_version"
MINISTERIAL_APPROVAL = "ministerial_approval"
IMPORT = "import"
# The workflow's steps (plans.services names which status change each one is).
SUBMIT = "submit"
RETURN = "return"
APPROVE = "approve"
PUBLISH = "publish"
ARCHIVE = "archive"

ABILITIES: dict[str, frozenset[str]] = {
    COMMENT: frozenset({Role.COUNCIL, Role.CHIEF}),
    RESOLVE_COMMENT: frozenset({Role.ADVISOR, Role.CHIEF}),
    ENTER_VALUES: frozenset({Role.ADVISOR, Role.CHIEF}),
    APPROVE_VALUES: frozenset({Role.COUNCIL}),
    NEW_VERSION: frozenset({Role.ADVISOR, Role.CHIEF}),
    MINISTERIAL_APPROVAL: frozenset({Role.COUNCIL, Role.CHIEF}),
    IMPORT: EDIT_ROLES,
    SUBMIT: frozenset({Role.ADVISOR, Role.CHIEF}),  # submit a draft to the council
    RETURN: frozenset({Role.COUNCIL, Role.CHIEF}),  # send it back for changes
    APPROVE: frozenset({Role.COUNCIL}),  # the council approves
    PUBLISH: frozenset({Role.CHIEF}),
    ARCHIVE: frozenset({Role.CHIEF}),
}
WORKFLOW_STEPS = (SUBMIT, RETURN, APPROVE, PUBLISH, ARCHIVE)


def _zone_id_of(zone) -> int | None:
    """A zone id from an id, a zone, or a row that has a ``zone_id`` or a ``plan`` (with its ``zone_id``)."""
    if zone is None or isinstance(zone, int):
        return zone
    if hasattr(zone, "zone_id"):
        return zone.zone_id
    if hasattr(zone, "plan"):
        return zone.plan.zone_id
    return zone.pk


def may(user, ability: str, zone) -> bool:
    """May *user* do *ability* (one of ABILITIES) in *zone* (an id, a zone or a row of the zone)?"""
    return has_zone_role(user, _zone_id_of(zone), *ABILITIES[ability])


def zones_where(user, ability: str) -> set[int] | None:
    """Ids of the zones where *user* may do *ability*; None means every zone (a site administrator)."""
    if is_site_admin(user):
        return None
    wanted = ABILITIES[ability]
    return {zone_id for zone_id, held in zone_roles(user).items() if held & wanted}


def may_comment(user, zone) -> bool:
    return may(user, COMMENT, zone)


def may_resolve_comment(user, zone) -> bool:
    return may(user, RESOLVE_COMMENT, zone)


def may_enter_values(user, zone) -> bool:
    return may(user, ENTER_VALUES, zone)


def may_approve_values(user, zone) -> bool:
    return may(user, APPROVE_VALUES, zone)


def may_start_version(user, zone) -> bool:
    """May *user* start a revision or an addendum of a plan of *zone*?"""
    return may(user, NEW_VERSION, zone)


def may_record_ministerial_approval(user, zone) -> bool:
    return may(user, MINISTERIAL_APPROVAL, zone)


def may_import(user, zone=None) -> bool:
    """May *user* import files for *zone* (for some zone, when None)?"""
    if zone is None:
        where = zones_where(user, IMPORT)
        return where is None or bool(where)
    return may(user, IMPORT, zone)


def may_take_step(user, zone, step: str) -> bool:
    """May *user* take workflow *step* (SUBMIT, RETURN, APPROVE, PUBLISH, ARCHIVE) on a plan of *zone*?"""
    if step not in WORKFLOW_STEPS:
        raise ValueError(f"{step!r} is not a workflow step")
    return may(user, step, zone)


def may_compare_zones(user) -> bool:
    """Is a comparison of zones useful to *user*: several zones to compare (or all, for a site administrator)?"""
    return is_site_admin(user) or len(zone_roles(user)) > 1


def may_administer(user) -> bool:
    """A site administrator: reference data, every zone's workspace, the admin."""
    return is_site_admin(user)


class Opened(NamedTuple):
    obj: models.Model
    may_change: bool


def get_for_user(queryset, user, **lookup) -> Opened:
    """The one row of *queryset* (a model or a queryset) that *user* may see, and whether they may change it.

    Raises Http404 when there is no such row or the user may not see it, so that a row's existence never
    leaks. Every view that opens one object asks this.
    """
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    try:
        obj = queryset.restrict(user, VIEW).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    return Opened(obj, can_change(user, obj))


def can_view(user, obj) -> bool:
    return type(obj).objects.filter(pk=obj.pk).restrict(user, VIEW).exists()


def can_change(user, obj) -> bool:
    return type(obj).objects.filter(pk=obj.pk).restrict(user, CHANGE).exists()
