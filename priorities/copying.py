"""The priorities app's part of copying a plan into a new version (plans.copying)."""

from plans.copying import ADDENDUM, REVISION, register_copier

from .models import Domain, Theme


@register_copier(order=20, kinds=(REVISION, ADDENDUM))
def copy_domains(copy) -> None:
    """Domains: an addendum gets them too, so that the priorities it adds fall under the same headings."""
    for domain in list(Domain.objects.filter(plan=copy.source)):
        copy.clone(domain, plan=copy.new)


@register_copier(order=21)
def copy_themes_and_priorities(copy) -> None:
    """The theme tree (parents before children), then the priorities with their links."""
    from plans.models import StakeholderExpectation

    for theme in sorted(Theme.objects.filter(plan=copy.source).select_related("parent"), key=lambda t: t.depth):
        copy.clone(theme, plan=copy.new, parent=copy.copy_of(Theme, theme.parent_id))
    for priority in list(copy.source.priorities.prefetch_related("stakeholder_expectations", "frameworks")):
        linked = [copy.copy_of(StakeholderExpectation, e.pk) for e in priority.stakeholder_expectations.all()]
        frameworks = list(priority.frameworks.all())
        new = copy.clone(
            priority,
            plan=copy.new,
            domain=copy.copy_of(Domain, priority.domain_id),
            theme=copy.copy_of(Theme, priority.theme_id),
        )
        new.stakeholder_expectations.set([e for e in linked if e is not None])
        new.frameworks.set(frameworks)
