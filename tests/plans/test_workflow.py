"""The plan workflow (plans/services.py): steps, roles, the record of who did what."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.access import Role
from plans.models import Plan, PlanStatusChange
from plans.services import TransitionError, allowed_transitions, record_ministerial_approval, transition_plan
from tests import factories as f

S = Plan.Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(advisor, council, chief, advisor_b, superuser, outsider):
    return {
        "advisor": advisor,
        "council": council,
        "chief": chief,
        "advisor_b": advisor_b,
        "superuser": superuser,
        "outsider": outsider,
    }


def _plan(zone, status, **kwargs):
    return f.PlanFactory(zone=zone, status=status, **kwargs)


def _changes(plan):
    return list(PlanStatusChange.objects.filter(plan=plan).values_list("from_status", "to_status", "changed_by"))


# --- Allowed steps --------------------------------------------------------------------------------------------------

ALLOWED = [
    # (from, to, role)
    (S.DRAFT, S.IN_REVIEW, "advisor"),
    (S.DRAFT, S.IN_REVIEW, "chief"),
    (S.IN_REVIEW, S.DRAFT, "council"),
    (S.IN_REVIEW, S.DRAFT, "chief"),
    (S.IN_REVIEW, S.APPROVED, "council"),
    (S.APPROVED, S.PUBLISHED, "chief"),
    (S.PUBLISHED, S.ARCHIVED, "chief"),
    # A site administrator may take every allowed step.
    (S.DRAFT, S.IN_REVIEW, "superuser"),
    (S.IN_REVIEW, S.DRAFT, "superuser"),
    (S.IN_REVIEW, S.APPROVED, "superuser"),
    (S.APPROVED, S.PUBLISHED, "superuser"),
    (S.PUBLISHED, S.ARCHIVED, "superuser"),
]


@pytest.mark.parametrize(("frm", "to", "role"), ALLOWED, ids=[f"{a}->{b}-by-{r}" for a, b, r in ALLOWED])
def test_allowed_step_is_taken_and_recorded(zone_a, users, frm, to, role):
    user = users[role]
    plan = _plan(zone_a, frm)
    before = plan.revision

    result = transition_plan(plan, to, user, note="ok")

    assert result is plan
    plan.refresh_from_db()
    assert plan.status == to
    assert plan.revision == before + 1
    change = PlanStatusChange.objects.get(plan=plan)
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (frm, to, user, "ok")
    assert change.changed_at is not None


def test_approval_sets_the_council_date_default_today(zone_a, council):
    plan = _plan(zone_a, S.IN_REVIEW)
    transition_plan(plan, S.APPROVED, council)
    assert plan.council_approved_on == timezone.localdate()
    assert plan.published_at is None


def test_approval_takes_the_given_council_date(zone_a, council):
    plan = _plan(zone_a, S.IN_REVIEW)
    transition_plan(plan, S.APPROVED, council, on=datetime.date(2024, 12, 17))
    plan.refresh_from_db()
    assert plan.council_approved_on == datetime.date(2024, 12, 17)


def test_publishing_sets_published_at(zone_a, chief):
    plan = _plan(zone_a, S.APPROVED, council_approved_on=datetime.date(2024, 12, 17))
    before = timezone.now()
    transition_plan(plan, S.PUBLISHED, chief)
    assert plan.published_at is not None
    assert before <= plan.published_at <= timezone.now()
    assert plan.council_approved_on == datetime.date(2024, 12, 17)  # left alone


def test_step_is_kept_in_the_plan_history(zone_a, advisor):
    plan = _plan(zone_a, S.DRAFT)
    transition_plan(plan, S.IN_REVIEW, advisor)
    latest = plan.history.order_by("-history_id").first()
    assert (latest.status, latest.revision) == (S.IN_REVIEW, 2)
    assert plan.history.count() == 2


def test_full_workflow_counts_every_step(zone_a, advisor, council, chief):
    plan = _plan(zone_a, S.DRAFT)
    assert plan.revision == 1
    transition_plan(plan, S.IN_REVIEW, advisor)
    transition_plan(plan, S.DRAFT, council, note="graag aanvullen")
    transition_plan(plan, S.IN_REVIEW, advisor)
    transition_plan(plan, S.APPROVED, council)
    transition_plan(plan, S.PUBLISHED, chief)
    assert plan.status == S.PUBLISHED
    assert plan.revision == 6
    assert _changes(plan) == [
        (S.DRAFT, S.IN_REVIEW, advisor.pk),
        (S.IN_REVIEW, S.DRAFT, council.pk),
        (S.DRAFT, S.IN_REVIEW, advisor.pk),
        (S.IN_REVIEW, S.APPROVED, council.pk),
        (S.APPROVED, S.PUBLISHED, chief.pk),
    ]


# --- Forbidden steps ------------------------------------------------------------------------------------------------

FORBIDDEN = [
    (S.DRAFT, S.PUBLISHED),
    (S.DRAFT, S.APPROVED),
    (S.DRAFT, S.ARCHIVED),
    (S.DRAFT, S.DRAFT),
    (S.IN_REVIEW, S.PUBLISHED),
    (S.APPROVED, S.DRAFT),
    (S.APPROVED, S.IN_REVIEW),
    (S.PUBLISHED, S.DRAFT),
    (S.PUBLISHED, S.APPROVED),
    (S.ARCHIVED, S.PUBLISHED),
    (S.ARCHIVED, S.DRAFT),
]


@pytest.mark.parametrize(("frm", "to"), FORBIDDEN, ids=[f"{a}->{b}" for a, b in FORBIDDEN])
def test_forbidden_step_raises_transition_error_even_for_the_superuser(zone_a, superuser, frm, to):
    plan = _plan(zone_a, frm)
    with pytest.raises(TransitionError) as exc:
        transition_plan(plan, to, superuser)
    assert exc.value.code == "forbidden_transition"
    plan.refresh_from_db()
    assert (plan.status, plan.revision) == (frm, 1)
    assert not PlanStatusChange.objects.filter(plan=plan).exists()


def test_unknown_status_is_a_transition_error(zone_a, superuser):
    plan = _plan(zone_a, S.DRAFT)
    with pytest.raises(TransitionError) as exc:
        transition_plan(plan, "bogus", superuser)
    assert exc.value.code == "unknown_status"


def test_transition_error_is_a_validation_error():
    assert issubclass(TransitionError, ValidationError)


def test_forbidden_step_uses_the_status_in_the_database(zone_a, chief):
    plan = _plan(zone_a, S.DRAFT)
    stale = Plan.objects.get(pk=plan.pk)
    Plan.objects.filter(pk=plan.pk).update(status=S.PUBLISHED)
    with pytest.raises(TransitionError):
        transition_plan(stale, S.IN_REVIEW, chief)  # the copy in memory still says draft


# --- Wrong roles ----------------------------------------------------------------------------------------------------

WRONG_ROLE = [
    (S.DRAFT, S.IN_REVIEW, "council"),
    (S.IN_REVIEW, S.APPROVED, "advisor"),
    (S.IN_REVIEW, S.APPROVED, "chief"),
    (S.IN_REVIEW, S.DRAFT, "advisor"),
    (S.APPROVED, S.PUBLISHED, "council"),
    (S.APPROVED, S.PUBLISHED, "advisor"),
    (S.PUBLISHED, S.ARCHIVED, "advisor"),
    (S.PUBLISHED, S.ARCHIVED, "council"),
    (S.DRAFT, S.IN_REVIEW, "advisor_b"),
    (S.DRAFT, S.IN_REVIEW, "outsider"),
]


@pytest.mark.parametrize(("frm", "to", "role"), WRONG_ROLE, ids=[f"{a}->{b}-by-{r}" for a, b, r in WRONG_ROLE])
def test_wrong_role_is_refused(zone_a, users, frm, to, role):
    plan = _plan(zone_a, frm)
    with pytest.raises(PermissionDenied):
        transition_plan(plan, to, users[role])
    plan.refresh_from_db()
    assert (plan.status, plan.revision) == (frm, 1)
    assert not PlanStatusChange.objects.filter(plan=plan).exists()


@pytest.mark.parametrize("user", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_nobody_cannot_take_a_step(zone_a, user):
    plan = _plan(zone_a, S.DRAFT)
    with pytest.raises(PermissionDenied):
        transition_plan(plan, S.IN_REVIEW, user)


def test_a_role_in_another_zone_does_not_count(zone_a, zone_b):
    council_of_b = f.UserFactory(username="council_b")
    f.ZoneMembershipFactory(user=council_of_b, zone=zone_b, role=Role.COUNCIL)
    plan = _plan(zone_a, S.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        transition_plan(plan, S.APPROVED, council_of_b)


# --- allowed_transitions --------------------------------------------------------------------------------------------

ALLOWED_NOW = [
    (S.DRAFT, "advisor", [S.IN_REVIEW]),
    (S.DRAFT, "chief", [S.IN_REVIEW]),
    (S.DRAFT, "council", []),
    (S.DRAFT, "advisor_b", []),
    (S.DRAFT, "outsider", []),
    (S.IN_REVIEW, "council", [S.DRAFT, S.APPROVED]),
    (S.IN_REVIEW, "chief", [S.DRAFT]),
    (S.IN_REVIEW, "advisor", []),
    (S.IN_REVIEW, "superuser", [S.DRAFT, S.APPROVED]),
    (S.APPROVED, "chief", [S.PUBLISHED]),
    (S.APPROVED, "council", []),
    (S.PUBLISHED, "chief", [S.ARCHIVED]),
    (S.PUBLISHED, "advisor", []),
    (S.ARCHIVED, "chief", []),
    (S.ARCHIVED, "superuser", []),
]


@pytest.mark.parametrize(("status", "role", "expected"), ALLOWED_NOW, ids=[f"{s}-{r}" for s, r, _ in ALLOWED_NOW])
def test_allowed_transitions(zone_a, users, status, role, expected):
    plan = _plan(zone_a, status)
    assert sorted(allowed_transitions(plan, users[role])) == sorted(expected)


def test_allowed_transitions_for_nobody(zone_a):
    assert allowed_transitions(_plan(zone_a, S.DRAFT), AnonymousUser()) == []
    assert allowed_transitions(_plan(zone_a, S.DRAFT), None) == []


def test_every_allowed_transition_can_be_taken(zone_a, users):
    for status in S.values:
        for role, user in users.items():
            for to in allowed_transitions(_plan(zone_a, status), user):
                plan = _plan(zone_a, status)
                transition_plan(plan, to, user)
                assert plan.status == to, (status, role, to)


# --- Revisions and addenda ------------------------------------------------------------------------------------------


def test_publishing_a_revision_archives_the_plan_it_revises(zone_a, chief):
    original = _plan(zone_a, S.PUBLISHED, published_at=timezone.now())
    revision = _plan(zone_a, S.APPROVED, kind=Plan.Kind.REVISION, extends=original, title="Herziening")

    transition_plan(revision, S.PUBLISHED, chief)

    original.refresh_from_db()
    assert revision.status == S.PUBLISHED
    assert original.status == S.ARCHIVED
    assert original.revision == 2
    change = PlanStatusChange.objects.get(plan=original)
    assert (change.from_status, change.to_status, change.changed_by) == (S.PUBLISHED, S.ARCHIVED, chief)
    assert "Herziening" in change.note
    # Citizens now see the revision and, as history, the archived original.
    assert set(Plan.objects.public()) == {original, revision}


def test_publishing_an_addendum_leaves_the_plan_published(zone_a, chief):
    original = _plan(zone_a, S.PUBLISHED)
    addendum = _plan(zone_a, S.APPROVED, kind=Plan.Kind.ADDENDUM, extends=original)

    transition_plan(addendum, S.PUBLISHED, chief)

    original.refresh_from_db()
    assert original.status == S.PUBLISHED
    assert original.revision == 1
    assert not PlanStatusChange.objects.filter(plan=original).exists()


def test_publishing_a_revision_of_an_archived_plan_changes_nothing_else(zone_a, chief):
    original = _plan(zone_a, S.ARCHIVED)
    revision = _plan(zone_a, S.APPROVED, kind=Plan.Kind.REVISION, extends=original)
    transition_plan(revision, S.PUBLISHED, chief)
    original.refresh_from_db()
    assert (original.status, original.revision) == (S.ARCHIVED, 1)
    assert not PlanStatusChange.objects.filter(plan=original).exists()


def test_approving_a_revision_does_not_archive_yet(zone_a, council):
    original = _plan(zone_a, S.PUBLISHED)
    revision = _plan(zone_a, S.IN_REVIEW, kind=Plan.Kind.REVISION, extends=original)
    transition_plan(revision, S.APPROVED, council)
    original.refresh_from_db()
    assert original.status == S.PUBLISHED


# --- Ministerial approval -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [S.DRAFT, S.IN_REVIEW, S.ARCHIVED])
def test_ministerial_approval_needs_a_council_approved_plan(zone_a, chief, status):
    plan = _plan(zone_a, status)
    with pytest.raises(TransitionError):
        record_ministerial_approval(plan, datetime.date(2025, 1, 1), chief)
    plan.refresh_from_db()
    assert plan.minister_approved_on is None


@pytest.mark.parametrize("status", [S.APPROVED, S.PUBLISHED])
@pytest.mark.parametrize("role", ["chief", "council", "superuser"])
def test_ministerial_approval_is_recorded(zone_a, users, status, role):
    plan = _plan(zone_a, status, council_approved_on=datetime.date(2024, 12, 17))
    record_ministerial_approval(plan, datetime.date(2025, 2, 3), users[role])
    assert plan.minister_approved_on == datetime.date(2025, 2, 3)
    assert plan.revision == 2
    assert plan.status == status
    # Recording the same date again changes nothing.
    record_ministerial_approval(plan, datetime.date(2025, 2, 3), users[role])
    assert plan.revision == 2


def test_ministerial_approval_on_the_council_day_is_accepted(zone_a, chief):
    plan = _plan(zone_a, S.APPROVED, council_approved_on=datetime.date(2024, 12, 17))
    record_ministerial_approval(plan, datetime.date(2024, 12, 17), chief)
    assert plan.minister_approved_on == datetime.date(2024, 12, 17)


def test_ministerial_approval_cannot_precede_the_council(zone_a, chief):
    plan = _plan(zone_a, S.APPROVED, council_approved_on=datetime.date(2024, 12, 17))
    with pytest.raises(ValidationError) as exc:
        record_ministerial_approval(plan, datetime.date(2024, 12, 16), chief)
    assert "minister_approved_on" in exc.value.message_dict
    plan.refresh_from_db()
    assert (plan.minister_approved_on, plan.revision) == (None, 1)


@pytest.mark.parametrize("role", ["advisor", "advisor_b", "outsider"])
def test_ministerial_approval_needs_the_chief_or_the_council(zone_a, users, role):
    plan = _plan(zone_a, S.APPROVED, council_approved_on=datetime.date(2024, 12, 17))
    with pytest.raises(PermissionDenied):
        record_ministerial_approval(plan, datetime.date(2025, 1, 1), users[role])
    plan.refresh_from_db()
    assert plan.minister_approved_on is None
