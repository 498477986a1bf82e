"""Who may open and submit what in the plan editor: a permission matrix over every URL of plans/urls.py.

Users: anonymous, an outsider (signed in, no role), the advisor, council member
and korpschef of zone A, an advisor of zone B and a site administrator.

The world (built once for the module, rolled back at its end): zone A has a
draft plan and a published plan, each with one row of every editor section
(plans/sections.py), public and restricted where the model has a protection
level; the yearly follow-up (action plans, objectives, actions, milestones)
hangs under a public priority, and a restricted variant sits under a
restricted action plan. Zone A also has public and restricted statistical
series; zone B a draft plan; the published plan a draft revision. Every row
carries a unique marker (``@<key>@``) in its title or name, so a page that
shows a row the user may not see is caught whatever the view.

The expected outcome of every (URL, user) comes from the small rule below,
written from the brief, not from the code:

* may view: signed-in users see the public rows of published plans (and
  zones, which are public facts); a zone's members see everything of their
  zone; the site administrator sees everything;
* may change: the advisors and korpschef of the zone change draft plan
  content; the yearly follow-up also on the published plan; statistical
  series always; the site administrator like an editor of every zone, but a
  frozen plan is frozen for him too; council members never;
* a page of a row the user may not see answers 404, never 403 (existence is
  not revealed); a row they may see but not change opens read-only (no Save
  button) and refuses a POST with 403; an allowed POST redirects (302) and
  the row changed; anonymous users are sent to the login page.
"""

import datetime
import re
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from comments.models import Comment
from core.access import ABILITIES, Role
from editor.sections import SECTIONS
from plans.forms import PlanForm
from plans.models import Plan
from plans.services import TRANSITIONS
from priorities.models import Priority
from stats.models import IndicatorValue
from tests import factories as f
from tests.editor import form_data, has_save_button, message_levels, nl, section_form_data
from tests.editor.permission_world import (
    ADD_VALUES,
    ALL_SPECS,
    DONE,
    EDITORS,
    EXTRA_SPECS,
    FORBIDDEN,
    LIST_PARENTS,
    LOGIN,
    LOGIN_URL,
    MARKER_FIELD,
    MEMBERS_ONLY_SLUGS,
    NEW,
    NOT_FOUND,
    OK,
    OK_EDIT,
    OK_READ,
    PLAN_SPECS,
    REFUSED,
    ROW_SPECS,
    USERS,
    ZONE_SPECS,
    S,
    Spec,
    World,
    _key,
    action_outcome,
    add_outcome,
    build_world,
    confirm_outcome,
    form_outcome,
    has_role,
    may_view,
    view_outcome,
    write_outcome,
)
from zones.forms import MunicipalityFormSet, ZoneForm
from zones.models import PoliceZone

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end."""
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), transaction.atomic(), fast_hashing:
        yield build_world()
        transaction.set_rollback(True)


# --- The cases --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    url: object  # World -> str
    expect: object  # user name -> outcome
    lists: tuple[str, ...] = ()  # rows a list page shows to those who may see them
    data: object = None  # World -> POST data
    done: object = None  # World -> did the write happen?
    extra: dict = field(default_factory=dict)


def _plan_url(name, plan_key, *args):
    return lambda w: reverse(f"editor:{name}", args=[w.plans[plan_key].pk, *args])


def _row(w, key):
    return w.rows[key]


def _row_url(name, key):
    slug = key.split(",")[0]
    return lambda w: reverse(f"editor:{name}", args=[slug, _row(w, key).pk])


def _parent(w, spec: Spec):
    if spec.key.startswith("zone:"):
        return w.zones[spec.zone]
    if spec.key.startswith("plan:"):
        return w.plans[spec.plan]
    return w.rows[spec.key]


def _list_url(name, slug, parent_spec):
    return lambda w: reverse(f"editor:{name}", args=[slug, _parent(w, parent_spec).pk])


def _rows_under(slug) -> tuple[str, ...]:
    """The rows of *slug*; a list shows those under its parent to the users who may see them."""
    return tuple(key for key in ROW_SPECS if key.startswith(f"{slug},"))


def _section_edit_data(key):
    slug = key.split(",")[0]
    section = SECTIONS[slug]

    def data(w):
        obj = _row(w, key)
        return section_form_data(section, obj, getattr(obj, section.parent_field), **{MARKER_FIELD[slug]: NEW})

    return data


def _section_edit_done(key):
    slug = key.split(",")[0]

    def done(w):
        obj = SECTIONS[slug].model.objects.get(pk=_row(w, key).pk)
        return getattr(obj, MARKER_FIELD[slug]) == NEW

    return done


def _section_add_data(slug, parent_spec):
    section = SECTIONS[slug]

    def data(w):
        parent = _parent(w, parent_spec)
        new = section.model(**{section.parent_field: parent})
        return section_form_data(section, new, parent, **{MARKER_FIELD[slug]: NEW}, **ADD_VALUES.get(slug, {}))

    return data


def _section_add_done(slug, parent_spec):
    section = SECTIONS[slug]
    return lambda w: section.model.objects.filter(
        **{section.parent_field: _parent(w, parent_spec), MARKER_FIELD[slug]: NEW}
    ).exists()


def _section_delete_done(key):
    slug = key.split(",")[0]
    return lambda w: not SECTIONS[slug].model.objects.filter(pk=_row(w, key).pk).exists()


def _plan_edit_data(plan_key):
    return lambda w: form_data(PlanForm(instance=w.plans[plan_key]), title=NEW)


def _zone_data(zone):
    def data(w):
        instance = w.zones[zone]
        return form_data(ZoneForm(instance=instance), MunicipalityFormSet(instance=instance, prefix="lines"),
                         long_name=NEW)  # fmt: skip

    return data


def _list_id(name, slug, plan, variant):
    return f"{name}[{_key(slug, plan, variant)}]"


def get_cases() -> list[Case]:
    cases = [Case("workspace", lambda w: reverse("editor:workspace"),
                  lambda u: LOGIN if u == "anonymous" else OK)]  # fmt: skip
    for zone, spec in ZONE_SPECS.items():
        cases.append(Case(f"zone[{zone}]", lambda w, z=zone: reverse("editor:zone", args=[w.zones[z].pk]),
                          lambda u, s=spec: form_outcome(u, s)))  # fmt: skip
        cases.append(Case(f"zone-history[{zone}]",
                          lambda w, z=zone: reverse("editor:zone-history", args=[w.zones[z].pk]),
                          lambda u, s=spec: view_outcome(u, s)))  # fmt: skip
    for plan_key, spec in PLAN_SPECS.items():
        cases.append(Case(f"plan[{plan_key}]", _plan_url("plan", plan_key), lambda u, s=spec: view_outcome(u, s)))
        if plan_key == "revision":
            continue
        cases.append(Case(f"plan-edit[{plan_key}]", _plan_url("plan-edit", plan_key),
                          lambda u, s=spec: form_outcome(u, s)))  # fmt: skip
        cases.append(Case(f"plan-history[{plan_key}]", _plan_url("plan-history", plan_key),
                          lambda u, s=spec: view_outcome(u, s)))  # fmt: skip
    cases.append(Case("plan-compare[revision]", _plan_url("plan-compare", "revision"),
                      lambda u: view_outcome(u, PLAN_SPECS["revision"])))  # fmt: skip
    # A plan that extends nothing has nothing to compare with.
    cases.append(Case("plan-compare[published]", _plan_url("plan-compare", "published"),
                      lambda u: LOGIN if u == "anonymous" else NOT_FOUND))  # fmt: skip
    for plan_key in ("draft", "published"):
        spec = PLAN_SPECS[plan_key]
        cases.append(Case(f"values[{plan_key},2021]", _plan_url("values", plan_key, 2021),
                          lambda u, s=spec: _values_outcome(u, s, post=False)))  # fmt: skip
        for variant in ("public", "restricted"):
            for name, slug in (("priority", "prioriteiten"), ("actionplan", "actieplannen")):
                key = _key(slug, plan_key, variant)
                cases.append(Case(f"{name}[{plan_key},{variant}]",
                                  lambda w, n=name, k=key: reverse(f"editor:{n}", args=[_row(w, k).pk]),
                                  lambda u, s=ROW_SPECS[key]: view_outcome(u, s)))  # fmt: skip
    for (slug, plan, variant), parent in LIST_PARENTS.items():
        cases.append(Case(_list_id("section-list", slug, plan, variant), _list_url("section-list", slug, parent),
                          lambda u, p=parent: view_outcome(u, p), lists=_rows_under(slug),
                          extra={"slug": slug, "parent": parent}))  # fmt: skip
        cases.append(Case(_list_id("section-add", slug, plan, variant), _list_url("section-add", slug, parent),
                          lambda u, sl=slug, p=parent: add_outcome(u, sl, p, post=False)))  # fmt: skip
    for key, spec in ROW_SPECS.items():
        cases.append(Case(f"section-edit[{key}]", _row_url("section-edit", key), lambda u, s=spec: form_outcome(u, s)))
        cases.append(Case(f"section-delete[{key}]", _row_url("section-delete", key),
                          lambda u, s=spec: confirm_outcome(u, s)))  # fmt: skip
        cases.append(Case(f"section-history[{key}]", _row_url("section-history", key),
                          lambda u, s=spec: view_outcome(u, s)))  # fmt: skip
    return cases


def _values_outcome(user, spec, post):
    """The yearly values grid: advisors and the korpschef enter values while the plan is in force."""
    can_enter = has_role(user, spec.zone, *EDITORS) and spec.status in Plan.FOLLOW_UP_STATUSES
    if not post:
        outcome = view_outcome(user, spec)
        return outcome if outcome != OK else (OK_EDIT if can_enter else OK_READ)
    return action_outcome(user, spec, can_enter)


def _transition_case(plan_key, to_status):
    spec = PLAN_SPECS[plan_key]
    step = (spec.status, to_status)
    return Case(
        f"plan-transition[{plan_key}->{to_status}]",
        _plan_url("plan-transition", plan_key),
        lambda u: action_outcome(u, spec, has_role(u, spec.zone, *ABILITIES[TRANSITIONS[step]]), refusal=REFUSED),
        data=lambda w: {"to_status": to_status, "note": "Test"},
        done=lambda w: Plan.objects.get(pk=w.plans[plan_key].pk).status == to_status,
    )


def _new_version_case(plan_key, kind):
    spec = PLAN_SPECS[plan_key]
    existing = 1 if plan_key == "published" else 0  # the published plan already has a draft revision

    def done(w):
        return Plan.objects.filter(extends=w.plans[plan_key]).count() > existing

    def expect(user):
        allowed = spec.status in (S.APPROVED, S.PUBLISHED) and has_role(user, spec.zone, *EDITORS)
        return action_outcome(user, spec, allowed, refusal=REFUSED)

    return Case(f"plan-new-version[{plan_key},{kind}]", _plan_url("plan-new-version", plan_key, kind), expect,
                data=lambda w: {"period_end": "2027"}, done=done)  # fmt: skip


def _ministerial_case(plan_key):
    spec = PLAN_SPECS[plan_key]
    approved_on = datetime.date(2030, 1, 2)

    def expect(user):
        allowed = spec.status in (S.APPROVED, S.PUBLISHED) and has_role(user, spec.zone, Role.CHIEF, Role.COUNCIL)
        return action_outcome(user, spec, allowed, refusal=REFUSED)

    def done(w):
        return Plan.objects.get(pk=w.plans[plan_key].pk).minister_approved_on == approved_on

    return Case(f"plan-ministerial-approval[{plan_key}]", _plan_url("plan-ministerial-approval", plan_key), expect,
                data=lambda w: {"on": approved_on.isoformat()}, done=done)  # fmt: skip


def post_cases() -> list[Case]:
    cases = []
    for zone, spec in ZONE_SPECS.items():
        cases.append(Case(f"zone[{zone}]", lambda w, z=zone: reverse("editor:zone", args=[w.zones[z].pk]),
                          lambda u, s=spec: write_outcome(u, s), data=_zone_data(zone),
                          done=lambda w, z=zone: PoliceZone.objects.get(pk=w.zones[z].pk).long_name == NEW),
        )  # fmt: skip
    for plan_key in ("draft", "published", "b_draft"):
        spec = PLAN_SPECS[plan_key]
        cases.append(Case(f"plan-edit[{plan_key}]", _plan_url("plan-edit", plan_key),
                          lambda u, s=spec: write_outcome(u, s), data=_plan_edit_data(plan_key),
                          done=lambda w, p=plan_key: Plan.objects.get(pk=w.plans[p].pk).title == NEW))  # fmt: skip
    cases += [_transition_case("draft", S.IN_REVIEW), _transition_case("published", S.ARCHIVED),
              _transition_case("b_draft", S.IN_REVIEW)]  # fmt: skip
    cases += [_new_version_case("published", "revisie"), _new_version_case("published", "addendum"),
              _new_version_case("draft", "revisie")]  # fmt: skip
    cases += [_ministerial_case("published"), _ministerial_case("draft")]
    for plan_key in ("draft", "published"):
        spec = PLAN_SPECS[plan_key]
        cases.append(Case(
            f"values[{plan_key},2021]", _plan_url("values", plan_key, 2021),
            lambda u, s=spec: _values_outcome(u, s, post=True),
            data=lambda w, p=plan_key: {f"value_{w.indicators[p]['public'].pk}": "42"},
            done=lambda w, p=plan_key: IndicatorValue.objects.filter(
                indicator=w.indicators[p]["public"], year=2021, value=42).exists(),
        ))  # fmt: skip
        cases.append(Case(
            f"priority-move[{plan_key},omhoog]", _plan_url("priority-move", plan_key, "omhoog"),
            lambda u, s=spec: write_outcome(u, s),
            data=lambda w, p=plan_key: {"priority": w.priorities[p]["restricted"].pk},
            done=lambda w, p=plan_key: Priority.objects.get(pk=w.priorities[p]["restricted"].pk).number == 1,
        ))  # fmt: skip
        comment = EXTRA_SPECS[f"comment:{plan_key}"]
        cases.append(Case(
            f"comment-resolve[{plan_key}]",
            lambda w, p=plan_key: reverse("editor:comment-resolve", args=[w.rows[f"comment:{p}"].pk]),
            lambda u, s=comment: action_outcome(u, s, has_role(u, s.zone, Role.ADVISOR, Role.CHIEF)),
            data=lambda w: {},
            done=lambda w, p=plan_key: Comment.objects.get(pk=w.rows[f"comment:{p}"].pk).resolved_at is not None,
        ))  # fmt: skip
        for variant in ("public", "restricted"):
            for kind, slug in (("prioriteit", "prioriteiten"), ("indicator", "indicatoren")):
                key = _key(slug, plan_key, variant)
                target = ROW_SPECS[key]
                cases.append(Case(
                    f"comment-add[{kind},{plan_key},{variant}]",
                    lambda w, k=kind, key=key: reverse("editor:comment-add", args=[k, _row(w, key).pk]),
                    lambda u, s=target: action_outcome(u, s, has_role(u, s.zone, Role.COUNCIL, Role.CHIEF)),
                    data=lambda w: {"body": NEW},
                    done=lambda w: Comment.objects.filter(body=NEW).exists(),
                ))  # fmt: skip
    for (slug, plan, variant), parent in LIST_PARENTS.items():
        cases.append(Case(_list_id("section-add", slug, plan, variant), _list_url("section-add", slug, parent),
                          lambda u, sl=slug, p=parent: add_outcome(u, sl, p, post=True),
                          data=_section_add_data(slug, parent), done=_section_add_done(slug, parent)))  # fmt: skip
    for key, spec in ROW_SPECS.items():
        cases.append(Case(f"section-edit[{key}]", _row_url("section-edit", key), lambda u, s=spec: write_outcome(u, s),
                          data=_section_edit_data(key), done=_section_edit_done(key)))  # fmt: skip
        cases.append(Case(f"section-delete[{key}]", _row_url("section-delete", key),
                          lambda u, s=spec: write_outcome(u, s), data=lambda w: {},
                          done=_section_delete_done(key)))  # fmt: skip
    return cases


GET_CASES = get_cases()
POST_CASES = post_cases()
GET_MATRIX = [(case, user) for case in GET_CASES for user in USERS]
POST_MATRIX = [(case, user) for case in POST_CASES for user in USERS]


def _ids(matrix):
    return [f"{case.id}-{user}" for case, user in matrix]


# --- Checking a response ----------------------------------------------------------------------------------------------


def _leaks(w: World, user, html: str) -> list[str]:
    """Markers of rows the user may not see that the page shows anyway."""
    return sorted(
        f"{key} ({marker})"
        for key, spec in ALL_SPECS.items()
        if not may_view(user, spec)
        for marker in spec.markers
        if marker in html
    )


def _assert_status(response, expected, case, user):
    label = f"{case.id} as {user}: expected {expected}"
    if expected == LOGIN:
        assert response.status_code == 302, f"{label}, got {response.status_code}"
        assert response["Location"].startswith(LOGIN_URL), f"{label}, redirected to {response['Location']}"
    elif expected in (NOT_FOUND, FORBIDDEN):
        assert response.status_code == int(expected), f"{label}, got {response.status_code}"
    elif expected in (DONE, REFUSED):
        assert response.status_code == 302, f"{label}, got {response.status_code}: {_errors_of(response)}"
        assert not response["Location"].startswith(LOGIN_URL), label
    else:
        assert response.status_code == 200, f"{label}, got {response.status_code}"


def _errors_of(response) -> str:
    html = response.content.decode(errors="replace")
    return " | ".join(re.sub(r"\s+", " ", m) for m in re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S))


# --- The matrix -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "user"), GET_MATRIX, ids=_ids(GET_MATRIX))
def test_get(world, case, user):
    expected = case.expect(user)
    response = world.client(user).get(case.url(world))
    _assert_status(response, expected, case, user)
    if response.status_code != 200:
        return
    html = response.content.decode()
    leaks = _leaks(world, user, html)
    assert not leaks, f"{case.id} shows {user} rows they may not see: {leaks}"
    if expected == OK_EDIT:
        assert has_save_button(html), f"{case.id}: {user} may edit but gets no Save button"
    elif expected == OK_READ:
        assert not has_save_button(html), f"{case.id}: {user} may only read but gets a Save button"
        assert " disabled" in html, f"{case.id}: the read-only form's fields are not disabled"
    for key in case.lists:
        row = world.rows[key]
        parent = case.extra["parent"]
        section = SECTIONS[case.extra["slug"]]
        if getattr(row, section.parent_field) != _parent(world, parent):
            continue
        edit_url = reverse("editor:section-edit", args=[case.extra["slug"], row.pk])
        shown = f'href="{edit_url}"' in html
        assert shown == may_view(user, ROW_SPECS[key]), f"{case.id}: row {key} shown={shown} to {user}"


@pytest.mark.parametrize(("case", "user"), POST_MATRIX, ids=_ids(POST_MATRIX))
def test_post(world, case, user):
    expected = case.expect(user)
    data = case.data(world)
    response = world.client(user).post(case.url(world), data)
    _assert_status(response, expected, case, user)
    assert case.done(world) == (expected == DONE), f"{case.id} as {user}: expected {expected}, write happened?"
    if expected == REFUSED:
        assert "error" in message_levels(response), f"{case.id}: the refusal is not explained to {user}"


# --- The world is what the rule is about ------------------------------------------------------------------------------


def test_world_has_a_row_for_every_spec(world):
    assert set(ALL_SPECS) == set(world.rows)


@pytest.mark.parametrize("slug", SECTIONS)
def test_world_covers_every_section_with_public_and_private_rows(world, slug):
    section = SECTIONS[slug]
    keys = [key for key in ROW_SPECS if key.startswith(f"{slug},")]
    assert section.model.objects.count() == len(keys), "a factory made rows the matrix does not know"
    assert any(ROW_SPECS[k].public for k in keys) or slug in MEMBERS_ONLY_SLUGS  # a zone's own: never public
    assert any(not ROW_SPECS[k].public for k in keys)


def test_matrix_has_every_named_url_of_the_editor():
    from editor.urls import urlpatterns

    names = {pattern.name for pattern in urlpatterns}
    covered = {case.id.split("[")[0] for case in GET_CASES + POST_CASES}
    assert names == covered
    slugs = {case.id.split("[")[1].split(",")[0].rstrip("]") for case in GET_CASES if case.id.startswith("section-")}
    assert slugs == set(SECTIONS)


def test_the_rule_gives_every_outcome():
    """The matrix is not trivially one-sided: each outcome occurs for some case."""
    outcomes = {case.expect(user) for case, user in GET_MATRIX + POST_MATRIX}
    assert outcomes == {LOGIN, NOT_FOUND, FORBIDDEN, OK, OK_EDIT, OK_READ, DONE, REFUSED}


# --- Signing in -------------------------------------------------------------------------------------------------------


@pytest.fixture
def login_user(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return f.UserFactory(username="inlogger", email="inlogger@example.org")


def test_login_page_signs_in_and_opens_the_workspace(client, login_user):
    assert client.get(LOGIN_URL).status_code == 200
    response = client.post(LOGIN_URL, {"username": "inlogger", "password": f.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200


def test_wrong_password_is_refused_on_the_login_page(client, login_user):
    response = client.post(LOGIN_URL, {"username": "inlogger", "password": "fout"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account(client, login_user):
    for _attempt in range(5):
        response = client.post(LOGIN_URL, {"username": "inlogger", "password": "fout"})
        assert "_auth_user_id" not in client.session
    # django-axes answers a locked-out login with its template and 429 (AXES_HTTP_RESPONSE_CODE).
    response = client.post(LOGIN_URL, {"username": "inlogger", "password": f.PASSWORD})
    assert response.status_code == 429
    assert nl("Too many failed attempts") in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/")["Location"].startswith(LOGIN_URL)


def test_lockout_is_per_account(client, login_user):
    f.UserFactory(username="collega")
    for _attempt in range(5):
        client.post(LOGIN_URL, {"username": "inlogger", "password": "fout"})
    response = client.post(LOGIN_URL, {"username": "collega", "password": f.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/beheer/"


def test_password_reset_sends_an_email(client, login_user):
    response = client.post("/accounts/password_reset/", {"email": "inlogger@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["inlogger@example.org"]
    assert "/accounts/reset/" in message.body


def test_password_reset_for_an_unknown_address_sends_nothing_but_says_the_same(client, login_user):
    response = client.post("/accounts/password_reset/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_anonymous_user_is_sent_to_login_with_the_page_to_come_back_to(world, client):
    url = reverse("editor:plan", args=[world.plans["published"].pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={url}"
