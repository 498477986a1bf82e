"""API of domains, themes and priorities (with the council's comments on a priority)."""

from django.db.models import Prefetch

from core.access import VIEW
from core.api import RestrictedViewSet
from plans.models import Framework, StakeholderExpectation

from ..filtersets import DomainFilterSet, PriorityFilterSet, ThemeFilterSet
from ..models import Domain, Priority, Theme
from .serializers import DomainSerializer, PrioritySerializer, ThemeSerializer


class DomainViewSet(RestrictedViewSet):
    """Domains group a plan's priorities ('Veiligheid en leefbaarheid', 'Optimale bedrijfsvoering');
    changed while the plan is a draft."""

    queryset = Domain.objects.all()
    serializer_class = DomainSerializer
    filterset_class = DomainFilterSet
    ordering_fields = ["order", "code", "name", "id"]


class ThemeViewSet(RestrictedViewSet):
    """A plan's theme tree, of any depth (Gent: 'Overlast' > 'Bedelarij'); changed while the plan is a draft."""

    queryset = Theme.objects.all()
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilterSet
    ordering_fields = ["order", "name", "id"]


class PriorityViewSet(RestrictedViewSet):
    """A plan's priorities (beleidskeuzes; Gent's I- and B-projects) with their approach per pillar and the
    stakeholder expectations and frameworks they answer; changed while the plan is a draft."""

    queryset = Priority.objects.all()
    serializer_class = PrioritySerializer
    filterset_class = PriorityFilterSet
    ordering_fields = ["number", "code", "short_title", "id"]

    def optimize(self, queryset):
        return queryset.prefetch_related(
            Prefetch("stakeholder_expectations", queryset=StakeholderExpectation.objects.restrict(self.user, VIEW)),
            Prefetch("frameworks", queryset=Framework.objects.restrict(self.user, VIEW)),
        )
