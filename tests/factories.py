"""factory_boy factories for every model of the portal.

Defaults build the smallest valid row: a plan for 2020-2025 in draft, public
parts, an action plan, target or value for the plan's first year. Every chain
of sub-factories stays inside one zone and one plan unless a test passes
objects of another on purpose.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from actionplans.models import Action, ActionPlan, Milestone, Objective
from comments.models import Comment
from core.access import Role
from core.base import Protection
from plans.models import Chapter, Framework, Plan, PlanStatusChange, PlanValue, Signatory, StakeholderExpectation
from priorities.models import Domain, Priority, Theme
from stats.models import (
    CrimeCategory,
    FinancialLine,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    KeyFigure,
    StaffLine,
    StaffTable,
    StatPoint,
    StatSeries,
    SurveyResponse,
)
from stats.status import Direction
from zones.models import Municipality, PoliceZone, SubMunicipality, ZoneMembership

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Peeters{n}")
    password = factory.django.Password(PASSWORD)

    class Params:
        superuser = factory.Trait(is_superuser=True, is_staff=True)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"group {n}")


def _free_zone_number(wanted: int) -> int | None:
    taken = set(PoliceZone.objects.filter(number__isnull=False).values_list("number", flat=True))
    return next((n for n in [*range(wanted, 6000), *range(5000, wanted)] if n not in taken), None)


class PoliceZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceZone

    # Zone numbers run from 5000 to 5999 and are unique: the sequence wraps in long runs, so take a free one.
    number = factory.Sequence(lambda n: _free_zone_number(5000 + n % 1000))
    name = factory.Sequence(lambda n: f"PZ Zone{n}")
    long_name = factory.LazyAttribute(lambda o: f"Politiezone {o.name}")
    slug = factory.Sequence(lambda n: f"zone-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    zone = factory.SubFactory(PoliceZoneFactory)
    name = factory.Sequence(lambda n: f"Gemeente{n}")
    nis_code = factory.Sequence(lambda n: f"{10000 + n % 90000:05d}")
    population = 10000
    population_date = datetime.date(2024, 1, 1)
    area_km2 = Decimal("25.50")
    mayor = "Burgemeester"


class SubMunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubMunicipality

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Deelgemeente{n}")
    postal_code = "9000"


class ZoneMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ZoneMembership

    user = factory.SubFactory(UserFactory)
    zone = factory.SubFactory(PoliceZoneFactory)
    role = Role.ADVISOR


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    code = factory.Sequence(lambda n: f"NVP-{n}")
    title = factory.Sequence(lambda n: f"Nationaal Veiligheidsplan {n}")
    issuer = "FOD Binnenlandse Zaken"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    zone = factory.SubFactory(PoliceZoneFactory)
    title = factory.Sequence(lambda n: f"Zonaal veiligheidsplan {n}")
    kind = Plan.Kind.ZVP
    period_start = 2020
    period_end = 2025
    status = Plan.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=Plan.Status.PUBLISHED,
            council_approved_on=datetime.date(2020, 1, 15),
            published_at=factory.LazyFunction(timezone.now),
        )
        archived = factory.Trait(
            status=Plan.Status.ARCHIVED,
            council_approved_on=datetime.date(2016, 1, 15),
            published_at=factory.LazyFunction(timezone.now),
        )


class PlanStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanStatusChange

    plan = factory.SubFactory(PlanFactory)
    from_status = Plan.Status.DRAFT
    to_status = Plan.Status.IN_REVIEW
    changed_by = factory.SubFactory(UserFactory)
    note = "Ingediend"


class PlanValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanValue

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"waarde {n}")


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter

    plan = factory.SubFactory(PlanFactory)
    kind = Chapter.Kind.PROFILE
    title = factory.Sequence(lambda n: f"Hoofdstuk {n}")
    body = "<p>Tekst</p>"
    protection = Protection.PUBLIC


class StakeholderExpectationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderExpectation

    plan = factory.SubFactory(PlanFactory)
    role = StakeholderExpectation.Role.MAYOR
    name = factory.Sequence(lambda n: f"Burgemeester {n}")
    expectations = "Aandacht voor verkeersveiligheid"
    protection = Protection.PUBLIC


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Ondertekenaar {n}")
    role = "Burgemeester"
    protection = Protection.PUBLIC


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"D{n}")
    name = factory.Sequence(lambda n: f"Domein {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    parent = None
    name = factory.Sequence(lambda n: f"Thema {n}")


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    code = ""
    short_title = factory.Sequence(lambda n: f"Prioriteit {n}")
    protection = Protection.PUBLIC

    @factory.post_generation
    def frameworks(self, create, extracted, **kwargs):
        if create and extracted:
            self.frameworks.set(extracted)

    @factory.post_generation
    def stakeholder_expectations(self, create, extracted, **kwargs):
        if create and extracted:
            self.stakeholder_expectations.set(extracted)


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    priority = factory.SubFactory(PriorityFactory)
    year = factory.LazyAttribute(lambda o: o.priority.plan.period_start)
    title = factory.Sequence(lambda n: f"Actieplan {n}")
    protection = Protection.PUBLIC
    # In progress: public once its plan is. A draft action plan is for the zone only (tests say so explicitly).
    status = ActionPlan.Status.ACTIVE


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    action_plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Doelstelling {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    status = Action.Status.PLANNED
    protection = Protection.PUBLIC


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    action_plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Mijlpaal {n}")
    due_date = factory.LazyAttribute(lambda o: datetime.date(o.action_plan.year, 6, 30))


class CrimeCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrimeCategory

    code = factory.Sequence(lambda n: f"cat-{n}")
    name = factory.Sequence(lambda n: f"Categorie {n}")


class StatSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatSeries

    zone = factory.SubFactory(PoliceZoneFactory)
    kind = StatSeries.Kind.OTHER
    name = factory.Sequence(lambda n: f"Reeks {n}")
    unit = "feiten"
    protection = Protection.PUBLIC

    class Params:
        crime = factory.Trait(kind=StatSeries.Kind.CRIME, crime_category=factory.SubFactory(CrimeCategoryFactory))
        accidents = factory.Trait(kind=StatSeries.Kind.ACCIDENTS, accident_type=StatSeries.AccidentType.INJURY)
        victims = factory.Trait(kind=StatSeries.Kind.VICTIMS, severity=StatSeries.Severity.INJURED)


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    zone = factory.SubFactory(PoliceZoneFactory)
    survey = "Veiligheidsmonitor"
    year = factory.Sequence(lambda n: 2000 + n % 25)
    sent = 1000
    returned_paper = 200
    returned_online = 100
    protection = Protection.PUBLIC


class StatPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatPoint

    series = factory.SubFactory(StatSeriesFactory)
    year = 2020
    value = Decimal("100")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    plan = factory.SubFactory(PlanFactory)
    priority = None
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "feiten"
    direction = Direction.UP
    protection = Protection.PUBLIC


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = factory.LazyAttribute(lambda o: o.indicator.plan.period_start)
    value = Decimal("100")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = factory.LazyAttribute(lambda o: o.indicator.plan.period_start)
    value = Decimal("95")
    approved_at = None

    class Params:
        approved = factory.Trait(approved_at=factory.LazyFunction(timezone.now))


class StaffTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffTable

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Personeel {n}")
    reference_date = None
    protection = Protection.PUBLIC


class StaffLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffLine

    table = factory.SubFactory(StaffTableFactory)
    category = StaffLine.Category.OPERATIONAL
    label = factory.Sequence(lambda n: f"Graad {n}")
    actual = 10
    fte = Decimal("9.50")
    authorised = 12


class FinancialLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancialLine

    plan = factory.SubFactory(PlanFactory)
    year = factory.LazyAttribute(lambda o: o.plan.period_start)
    kind = FinancialLine.Kind.BUDGET
    category = FinancialLine.Category.PERSONNEL
    label = factory.Sequence(lambda n: f"Lijn {n}")
    amount = Decimal("1000.00")
    protection = Protection.PUBLIC


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    plan = factory.SubFactory(PlanFactory)
    label = factory.Sequence(lambda n: f"Kerncijfer {n}")
    value = Decimal("1200")
    value_text = "1200"
    protection = Protection.PUBLIC


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    priority = factory.SubFactory(PriorityFactory)
    plan = factory.LazyAttribute(lambda o: o.priority.plan if o.priority else o.indicator.plan)
    indicator = None
    author = factory.SubFactory(UserFactory)
    body = "Graag de nulmeting toelichten."


# A tiny but valid one-page PDF, for documents that tests do not really generate.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class DocumentFactory(factory.django.DjangoModelFactory):
    """A done public PDF of a plan (a stand-in file, not generated); ``file=None`` for a queued one."""

    class Meta:
        model = "documents.Document"

    plan = factory.SubFactory(PlanFactory)
    kind = "plan"
    protection = Protection.PUBLIC
    made_from_status = factory.LazyAttribute(lambda o: o.plan.status)
    made_from_revision = factory.LazyAttribute(lambda o: o.plan.revision)
    status = "done"
    progress = 100
    file = factory.django.FileField(filename="document.pdf", data=MINIMAL_PDF)
    size = len(MINIMAL_PDF)
    page_count = 1
    checksum = factory.LazyFunction(lambda: __import__("hashlib").sha256(MINIMAL_PDF).hexdigest())
    finished_at = factory.LazyFunction(timezone.now)


class AnnualReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.AnnualReport"

    plan = factory.SubFactory(PlanFactory)
    year = factory.LazyAttribute(lambda o: o.plan.period_start)
    introduction = "<p>Het jaar in het kort.</p>"
