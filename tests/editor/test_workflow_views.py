"""The plan workflow through the editor's views: every step as every role, approvals, new versions, freezing.

plans/tests/test_workflow.py tests the services; here the same rules are
checked where users meet them: the status form on the plan page
(plans:plan-transition), the buttons for a revision or an addendum
(plans:plan-new-version), the timeline, and the editor refusing changes to an
approved or published version.
"""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.html import escape

from core.access import ABILITIES, Role
from plans.models import Plan, PlanStatusChange
from plans.services import TRANSITIONS
from tests import factories as f
from tests.editor import has_save_button, message_levels, message_texts, nl, section_form_data

pytestmark = pytest.mark.django_db

S = Plan.Status
ROLES = ("advisor", "council", "chief", "advisor_b", "outsider", "superuser")
ZONE_A_ROLES = {"advisor": Role.ADVISOR, "council": Role.COUNCIL, "chief": Role.CHIEF}


@pytest.fixture
def users(advisor, council, chief, advisor_b, outsider, superuser):
    return {
        "advisor": advisor,
        "council": council,
        "chief": chief,
        "advisor_b": advisor_b,
        "outsider": outsider,
        "superuser": superuser,
    }


@pytest.fixture
def as_user(client, users):
    """The test client signed in as the named user, speaking Dutch."""

    def sign_in(name):
        client.force_login(users[name])
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
        return client

    return sign_in


def transition(client, plan, to_status, **extra):
    return client.post(reverse("editor:plan-transition", args=[plan.pk]), {"to_status": to_status, **extra})


def step_allowed(role, frm, to) -> bool:
    if (frm, to) not in TRANSITIONS:
        return False
    return role == "superuser" or ZONE_A_ROLES.get(role) in ABILITIES[TRANSITIONS[(frm, to)]]


def sees_plan(role, status) -> bool:
    return role in ZONE_A_ROLES or role == "superuser" or status in Plan.PUBLIC_STATUSES


def label(status) -> str:
    with translation.override("nl"):
        return str(S(status).label)


# --- Every step as every role -----------------------------------------------------------------------------------------

STEPS = list(itertools.product(S.values, S.values))
MATRIX = [(frm, to, role) for frm, to in STEPS for role in ROLES]


@pytest.mark.parametrize(("frm", "to", "role"), MATRIX, ids=[f"{a}->{b}-{r}" for a, b, r in MATRIX])
def test_transition_as_each_role(as_user, users, zone_a, frm, to, role):
    plan = f.PlanFactory(zone=zone_a, status=frm)
    response = transition(as_user(role), plan, to, note="Stap in de test")
    plan.refresh_from_db()
    steps = list(PlanStatusChange.objects.filter(plan=plan).values_list("from_status", "to_status", "changed_by"))

    if not sees_plan(role, frm):
        assert response.status_code == 404  # a draft of another zone is not revealed
        assert plan.status == frm and steps == []
        return
    assert response.status_code == 302
    assert response["Location"] == reverse("editor:plan", args=[plan.pk])
    if step_allowed(role, frm, to):
        assert plan.status == to
        assert steps == [(frm, to, users[role].pk)]
        assert message_texts(response) == [nl("The plan is now: %(status)s.", status=label(to))]
        return
    assert plan.status == frm, "a refused step changed the status"
    assert steps == []
    assert message_levels(response) == ["error"]
    if (frm, to) in TRANSITIONS:
        expected = nl("Your role in this zone does not allow this step.")
    else:
        expected = nl("A plan cannot go from '%(from)s' to '%(to)s'.", **{"from": label(frm), "to": label(to)})
    assert message_texts(response) == [expected]


def test_refusal_messages_are_dutch(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, status=S.DRAFT)
    response = transition(as_user("advisor"), plan, S.PUBLISHED)
    assert message_texts(response) == ["Een plan kan niet van 'ontwerp' naar 'gepubliceerd' gaan."]
    response = transition(as_user("council"), plan, S.IN_REVIEW)
    assert message_texts(response)[-1] == "Uw rol in deze zone laat deze stap niet toe."


def test_unknown_status_is_refused_with_a_message(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, status=S.DRAFT)
    response = transition(as_user("chief"), plan, "bogus")
    plan.refresh_from_db()
    assert response.status_code == 302
    assert plan.status == S.DRAFT
    assert message_texts(response) == [nl("Choose a valid step.")]


def test_anonymous_transition_goes_to_login(client, zone_a):
    plan = f.PlanFactory(zone=zone_a, status=S.DRAFT)
    response = transition(client, plan, S.IN_REVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    plan.refresh_from_db()
    assert plan.status == S.DRAFT


@pytest.mark.parametrize(
    ("role", "status", "offered"),
    [
        ("advisor", S.DRAFT, [S.IN_REVIEW]),
        ("council", S.DRAFT, []),
        ("council", S.IN_REVIEW, [S.DRAFT, S.APPROVED]),
        ("chief", S.APPROVED, [S.PUBLISHED]),
        ("advisor", S.PUBLISHED, []),
        ("outsider", S.PUBLISHED, []),
    ],
)
def test_plan_page_offers_only_the_allowed_steps(as_user, zone_a, role, status, offered):
    plan = f.PlanFactory(zone=zone_a, status=status)
    html = as_user(role).get(reverse("editor:plan", args=[plan.pk])).content.decode()
    shown = [value for value in S.values if f'name="to_status" value="{value}"' in html]
    assert shown == [str(s) for s in offered]
    if not offered:
        assert nl("No workflow step is open to you now.") in html


# --- Dates and the timeline -------------------------------------------------------------------------------------------


def test_council_approval_records_the_given_date(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, status=S.IN_REVIEW)
    transition(as_user("council"), plan, S.APPROVED, on="2024-03-01")
    plan.refresh_from_db()
    assert plan.status == S.APPROVED
    assert plan.council_approved_on == datetime.date(2024, 3, 1)


def test_council_approval_defaults_to_today(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, status=S.IN_REVIEW)
    transition(as_user("council"), plan, S.APPROVED)
    plan.refresh_from_db()
    assert plan.council_approved_on == timezone.localdate()


def test_publishing_records_the_moment(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, status=S.APPROVED, council_approved_on=datetime.date(2024, 3, 1))
    before = timezone.now()
    transition(as_user("chief"), plan, S.PUBLISHED)
    plan.refresh_from_db()
    assert plan.status == S.PUBLISHED
    assert plan.published_at >= before


def test_timeline_shows_each_step_with_user_and_date(as_user, users, zone_a):
    plan = f.PlanFactory(zone=zone_a, status=S.DRAFT)
    transition(as_user("advisor"), plan, S.IN_REVIEW, note="Klaar voor de raad")
    transition(as_user("council"), plan, S.APPROVED, on="2024-03-01")
    html = as_user("advisor").get(reverse("editor:plan", args=[plan.pk])).content.decode()
    timeline = html[html.index('id="timeline-heading"') :]
    steps = list(PlanStatusChange.objects.filter(plan=plan).order_by("pk"))
    assert [(s.to_status, s.changed_by) for s in steps] == [
        (S.IN_REVIEW, users["advisor"]),
        (S.APPROVED, users["council"]),
    ]
    with translation.override("nl"):
        for step in steps:
            when = dateformat.format(timezone.localtime(step.changed_at), "j F Y H:i")
            assert f"{when} · {step.changed_by}" in timeline
        approval = f"{nl('Council approval')}: {dateformat.format(datetime.date(2024, 3, 1), 'j F Y')}"
    assert label(S.IN_REVIEW) in timeline and label(S.APPROVED) in timeline
    assert "Klaar voor de raad" in timeline
    assert approval in timeline
    assert timeline.index(label(S.IN_REVIEW)) < timeline.index(label(S.APPROVED))


def test_timeline_is_for_the_zone_only(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True)
    f.PlanStatusChangeFactory(plan=plan, from_status=S.APPROVED, to_status=S.PUBLISHED, note="Interne notitie")
    assert "Interne notitie" in as_user("council").get(reverse("editor:plan", args=[plan.pk])).content.decode()
    assert "Interne notitie" not in as_user("outsider").get(reverse("editor:plan", args=[plan.pk])).content.decode()


# --- New versions -----------------------------------------------------------------------------------------------------


def new_version(client, plan, kind, **data):
    return client.post(reverse("editor:plan-new-version", args=[plan.pk, kind]), data)


@pytest.fixture
def published(zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True, title="ZVP Alfa 2020-2025")
    domain = f.DomainFactory(plan=plan, code="VL", name="Veiligheid en leefbaarheid")
    f.PriorityFactory(plan=plan, number=1, short_title="Verkeersveiligheid", domain=domain)
    f.ChapterFactory(plan=plan, title="Zonebeeld")
    return plan


def test_revision_is_a_draft_copy_of_the_published_plan(as_user, users, published):
    response = new_version(as_user("advisor"), published, "revisie")
    revision = Plan.objects.get(extends=published)
    assert response.status_code == 302
    assert response["Location"] == reverse("editor:plan", args=[revision.pk])
    assert revision.kind == Plan.Kind.REVISION and revision.status == S.DRAFT
    assert list(revision.priorities.values_list("short_title", flat=True)) == ["Verkeersveiligheid"]
    assert list(revision.chapters.values_list("title", flat=True)) == ["Zonebeeld"]
    assert message_texts(response) == [nl("A new draft was created: %(title)s.", title=revision.title)]
    published.refresh_from_db()
    assert published.status == S.PUBLISHED  # citizens keep seeing it until the revision is published
    # The new draft is editable; the published plan stays frozen.
    client = as_user("advisor")
    priority = revision.priorities.get()
    assert has_save_button(
        client.get(reverse("editor:section-edit", args=["prioriteiten", priority.pk])).content.decode()
    )


def test_publishing_a_revision_archives_the_plan_it_revises(as_user, users, published):
    new_version(as_user("advisor"), published, "revisie")
    revision = Plan.objects.get(extends=published)
    transition(as_user("advisor"), revision, S.IN_REVIEW)
    transition(as_user("council"), revision, S.APPROVED)
    response = transition(as_user("chief"), revision, S.PUBLISHED)
    assert response.status_code == 302
    revision.refresh_from_db()
    published.refresh_from_db()
    assert revision.status == S.PUBLISHED
    assert published.status == S.ARCHIVED
    archived = PlanStatusChange.objects.get(plan=published, to_status=S.ARCHIVED)
    assert archived.changed_by == users["chief"]
    assert revision.title in archived.note
    # The old plan's page says so.
    html = as_user("council").get(reverse("editor:plan", args=[published.pk])).content.decode()
    assert label(S.ARCHIVED) in html and escape(archived.note) in html


def test_addendum_extends_the_period(as_user, published):
    response = new_version(as_user("chief"), published, "addendum", period_end="2027", title="Addendum 2026-2027")
    addendum = Plan.objects.get(extends=published)
    assert response.status_code == 302
    assert (addendum.kind, addendum.status) == (Plan.Kind.ADDENDUM, S.DRAFT)
    assert (addendum.period_start, addendum.period_end) == (2026, 2027)
    assert addendum.title == "Addendum 2026-2027"
    assert list(addendum.domains.values_list("code", flat=True)) == ["VL"]


@pytest.mark.parametrize("period_end", ["2025", "2019", "", "abc"])
def test_addendum_must_extend_beyond_the_period(as_user, published, period_end):
    response = new_version(as_user("chief"), published, "addendum", period_end=period_end)
    assert response.status_code == 302
    assert response["Location"] == reverse("editor:plan", args=[published.pk])
    assert not Plan.objects.filter(extends=published).exists()
    assert message_levels(response) == ["error"]
    if period_end == "2025":
        assert message_texts(response) == [nl("An addendum extends the period beyond %(end)s.", end=2025)]


@pytest.mark.parametrize("kind", ["revisie", "addendum"])
def test_draft_gets_no_new_version(as_user, zone_a, kind):
    plan = f.PlanFactory(zone=zone_a, status=S.DRAFT)
    response = new_version(as_user("advisor"), plan, kind, period_end="2027")
    assert response.status_code == 302
    assert not Plan.objects.filter(extends=plan).exists()
    assert message_texts(response) == [nl("Only an approved or published plan gets a revision or an addendum.")]


@pytest.mark.parametrize("role", ["council", "outsider", "advisor_b"])
def test_new_version_needs_an_editor_of_the_zone(as_user, published, role):
    response = new_version(as_user(role), published, "revisie")
    assert response.status_code == 302
    assert not Plan.objects.filter(extends=published).exists()
    assert message_texts(response) == [nl("Your role in this zone does not allow this step.")]


def test_plan_page_offers_new_versions_to_editors_only(as_user, published):
    url = reverse("editor:plan-new-version", args=[published.pk, "revisie"])
    assert url in as_user("advisor").get(reverse("editor:plan", args=[published.pk])).content.decode()
    assert url not in as_user("council").get(reverse("editor:plan", args=[published.pk])).content.decode()


# --- Frozen versions --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [S.IN_REVIEW, S.APPROVED, S.PUBLISHED, S.ARCHIVED])
@pytest.mark.parametrize("role", ["advisor", "chief", "superuser"])
def test_frozen_plan_refuses_changes_to_its_priority(as_user, zone_a, status, role):
    plan = f.PlanFactory(zone=zone_a, status=status)
    priority = f.PriorityFactory(plan=plan, short_title="Drugs")
    client = as_user(role)
    url = reverse("editor:section-edit", args=["prioriteiten", priority.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert not has_save_button(page.content.decode())
    data = section_form_data(_section("prioriteiten"), priority, plan, short_title="Drugs en overlast")
    assert client.post(url, data).status_code == 403
    assert client.post(reverse("editor:section-delete", args=["prioriteiten", priority.pk])).status_code == 403
    assert client.get(reverse("editor:section-add", args=["prioriteiten", plan.pk])).status_code == 403
    assert client.post(reverse("editor:plan-edit", args=[plan.pk]), {"title": "Nieuw"}).status_code == 403
    priority.refresh_from_db()
    plan.refresh_from_db()
    assert priority.short_title == "Drugs"
    assert plan.status == status


def test_frozen_plan_says_why_it_cannot_be_edited(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True)
    html = as_user("advisor").get(reverse("editor:plan", args=[plan.pk])).content.decode()
    assert nl("This version is frozen: changes go into a revision or an addendum.") in html


def test_published_plan_keeps_its_yearly_follow_up_editable(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, published=True)
    action_plan = f.ActionPlanFactory(priority=f.PriorityFactory(plan=plan), year=2021, title="Actieplan 2021")
    client = as_user("advisor")
    url = reverse("editor:section-edit", args=["actieplannen", action_plan.pk])
    assert has_save_button(client.get(url).content.decode())
    data = section_form_data(_section("actieplannen"), action_plan, action_plan.priority, title="Bijgewerkt")
    assert client.post(url, data).status_code == 302
    action_plan.refresh_from_db()
    assert action_plan.title == "Bijgewerkt"


def test_archived_plan_freezes_its_follow_up_too(as_user, zone_a):
    plan = f.PlanFactory(zone=zone_a, archived=True)
    action_plan = f.ActionPlanFactory(priority=f.PriorityFactory(plan=plan), year=2021)
    client = as_user("advisor")
    url = reverse("editor:section-edit", args=["actieplannen", action_plan.pk])
    data = section_form_data(_section("actieplannen"), action_plan, action_plan.priority, title="Bijgewerkt")
    assert client.post(url, data).status_code == 403


def _section(slug):
    from editor.sections import SECTIONS

    return SECTIONS[slug]
