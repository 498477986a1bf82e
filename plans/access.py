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

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .base import Protection

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
        from .models import ZoneMembership

        roles: dict[int, set[str]] = {}
        for zone_id, role in ZoneMembership.objects.filter(user=user).values_list("zone_id", "role"):
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
    # Plan statuses in which rows of this model may change; None: the plan's content rule.
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

    def _public_q(self, published_only: bool = True) -> Q:
        from .models import Plan

        conditions = [self.public_condition()]
        if self.plan_path is not None and published_only:
            conditions.append(Q(**{f"{_prefix(self.plan_path)}status__in": Plan.PUBLIC_STATUSES}))
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
            from .models import Plan

            statuses = self.editable_statuses or Plan.EDITABLE_STATUSES
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
    from .models import Plan

    queryset = model.objects.all()
    if plan is not None:
        zone_id = plan.zone_id
        statuses = getattr(queryset, "editable_statuses", None) or Plan.EDITABLE_STATUSES
        if plan.status not in statuses:
            return False
    return is_site_admin(user) or zone_id in zone_ids(user, CHANGE)


def can_view(user, obj) -> bool:
    return type(obj).objects.filter(pk=obj.pk).restrict(user, VIEW).exists()


def can_change(user, obj) -> bool:
    return type(obj).objects.filter(pk=obj.pk).restrict(user, CHANGE).exists()
