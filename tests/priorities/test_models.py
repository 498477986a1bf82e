"""Domains, themes and priorities: constraints, validation and the theme tree."""

import pytest
from django.db import IntegrityError, transaction

from priorities.models import Domain, Priority
from tests import factories as f

pytestmark = pytest.mark.django_db


# --- Database constraints -------------------------------------------------------------------------------------------


def test_priority_number_is_unique_per_plan():
    first = f.PriorityFactory(number=3)
    f.PriorityFactory(number=3)  # another plan: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PriorityFactory(plan=first.plan, number=3)


def test_priority_code_is_unique_per_plan():
    first = f.PriorityFactory(code="B 58")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PriorityFactory(plan=first.plan, code="B 58")


def test_several_priorities_of_a_plan_may_have_no_code():
    plan = f.PlanFactory()
    f.PriorityFactory(plan=plan, code="")
    f.PriorityFactory(plan=plan, code="")
    assert plan.priorities.filter(code="").count() == 2


def test_the_same_priority_code_in_two_plans_is_allowed():
    f.PriorityFactory(code="I 1")
    f.PriorityFactory(code="I 1")
    assert Priority.objects.filter(code="I 1").count() == 2


def test_domain_code_is_unique_per_plan():
    first = f.DomainFactory(code="VL")
    f.DomainFactory(code="VL")  # another plan: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        f.DomainFactory(plan=first.plan, code="VL")


def test_theme_cannot_be_its_own_parent_in_the_database():
    theme = f.ThemeFactory()
    theme.parent = theme
    with pytest.raises(IntegrityError, match="theme_not_own_parent"), transaction.atomic():
        theme.save()


# --- Validation -----------------------------------------------------------------------------------------------------


def test_duplicate_priority_number_and_code_messages(validation_errors, constraint_message):
    existing = f.PriorityFactory(number=1, code="I 1")
    duplicate = f.PriorityFactory.build(plan=existing.plan, number=1, code="I 1")
    assert sorted(validation_errors(duplicate, "validate_constraints")["__all__"]) == [
        "This plan already has a priority with this code.",
        "This plan already has a priority with this number.",
    ]
    assert sorted(validation_errors(duplicate, "validate_constraints", "nl")["__all__"]) == sorted(
        [
            constraint_message(Priority, "priority_unique_code_in_plan", "nl"),
            constraint_message(Priority, "priority_unique_number_in_plan", "nl"),
        ]
    )


def test_blank_codes_pass_the_unique_code_validation(validation_errors):
    existing = f.PriorityFactory(number=1, code="")
    other = f.PriorityFactory.build(plan=existing.plan, number=2, code="")
    assert validation_errors(other) == {}


def test_duplicate_domain_code_message(validation_errors, constraint_message):
    existing = f.DomainFactory(code="OB")
    duplicate = f.DomainFactory.build(plan=existing.plan, code="OB")
    assert validation_errors(duplicate, "validate_constraints") == {
        "__all__": ["This plan already has a domain with this code."]
    }
    assert validation_errors(duplicate, "validate_constraints", "nl") == {
        "__all__": [constraint_message(Domain, "domain_unique_code_in_plan", "nl")]
    }


def test_priority_domain_of_another_plan_is_refused(validation_errors):
    priority = f.PriorityFactory()
    priority.domain = f.DomainFactory()  # a domain of another plan
    assert validation_errors(priority) == {"domain": ["The domain belongs to another plan."]}
    priority.domain = f.DomainFactory(plan=priority.plan)
    assert validation_errors(priority) == {}


def test_priority_theme_of_another_plan_is_refused(validation_errors):
    priority = f.PriorityFactory()
    priority.theme = f.ThemeFactory()  # a theme of another plan
    assert validation_errors(priority) == {"theme": ["The theme belongs to another plan."]}
    priority.theme = f.ThemeFactory(plan=priority.plan)
    assert validation_errors(priority) == {}


def test_theme_parent_of_another_plan_is_refused(validation_errors):
    theme = f.ThemeFactory()
    theme.parent = f.ThemeFactory()  # of another plan
    assert validation_errors(theme) == {"parent": ["The parent theme belongs to another plan."]}


def test_theme_cycle_is_refused(validation_errors):
    a = f.ThemeFactory(name="A")
    b = f.ThemeFactory(plan=a.plan, parent=a, name="B")
    a.parent = b  # A under B under A
    assert validation_errors(a) == {"parent": ["A theme cannot be placed under itself or one of its sub-themes."]}


def test_theme_under_a_deeper_descendant_is_refused(validation_errors):
    a = f.ThemeFactory(name="A")
    b = f.ThemeFactory(plan=a.plan, parent=a, name="B")
    c = f.ThemeFactory(plan=a.plan, parent=b, name="C")
    a.parent = c
    assert "parent" in validation_errors(a)


def test_theme_own_parent_is_refused_by_validation(validation_errors):
    theme = f.ThemeFactory()
    theme.parent = theme
    assert "parent" in validation_errors(theme)


def test_moving_a_theme_under_a_sibling_is_valid(validation_errors):
    root = f.ThemeFactory()
    a = f.ThemeFactory(plan=root.plan, parent=root)
    b = f.ThemeFactory(plan=root.plan, parent=root)
    a.parent = b
    assert validation_errors(a) == {}


# --- Theme tree -----------------------------------------------------------------------------------------------------


def test_theme_ancestors_depth_and_path():
    root = f.ThemeFactory(name="Overlast")
    child = f.ThemeFactory(plan=root.plan, parent=root, name="Bedelarij")
    grandchild = f.ThemeFactory(plan=root.plan, parent=child, name="Agressief bedelen")

    assert root.ancestors() == []
    assert root.depth == 0
    assert str(root) == "Overlast"

    assert child.ancestors() == [root]
    assert child.depth == 1
    assert str(child) == "Overlast › Bedelarij"

    assert grandchild.ancestors() == [root, child]
    assert grandchild.ancestors(include_self=True) == [root, child, grandchild]
    assert grandchild.depth == 2
    assert str(grandchild) == "Overlast › Bedelarij › Agressief bedelen"


def test_theme_ancestors_stop_on_a_cycle_in_memory():
    a = f.ThemeFactory(name="A")
    b = f.ThemeFactory(plan=a.plan, parent=a, name="B")
    a.parent = b
    b.parent = a
    assert [t.name for t in a.ancestors(include_self=True)] == ["B", "A"]


def test_priority_string_and_approach():
    priority = f.PriorityFactory(
        code="I 1", short_title="Fietsdiefstal", approach_deter="Controles", approach_advise="Graveeracties"
    )
    assert str(priority) == "I 1 Fietsdiefstal"
    assert priority.approach == [("raadgeven", "Graveeracties"), ("ontraden", "Controles")]
    assert str(f.PriorityFactory(code="", short_title="Drugs")) == "Drugs"
