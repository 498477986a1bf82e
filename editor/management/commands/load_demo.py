from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.access import Role
from editor.demo.loader import load_demo
from zones.models import PoliceZone, ZoneMembership

DEMO_PASSWORD = "demo"


class Command(BaseCommand):
    help = (
        "Load the demo zones PZ Leuven, PZ Gent and PZ HerKo from their real public plans, with sample "
        "action plans, indicator values and statistics (labelled as such). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Also create demo accounts with the password 'demo' (refused unless DEBUG is on).",
        )

    def handle(self, *args, with_users=False, **options):
        if with_users and not settings.DEBUG:
            raise CommandError("Demo accounts have a known password; create them only with DJANGO_DEBUG on.")
        counts = load_demo()
        for label, count in counts.items():
            self.stdout.write(f"{label:32} {count:6}")
        if with_users:
            self._create_users()

    def _create_users(self):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.org"}
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        reader, created = User.objects.get_or_create(
            username="reader-federal", defaults={"email": "reader-federal@example.org"}
        )
        if created:
            reader.set_password(DEMO_PASSWORD)
            reader.save()
        for zone in PoliceZone.objects.all():
            ZoneMembership.objects.get_or_create(user=reader, zone=zone, role=Role.READER)
            for role in (Role.ADVISOR, Role.COUNCIL, Role.CHIEF):
                user, created = User.objects.get_or_create(
                    username=f"{role.value}-{zone.slug}", defaults={"email": f"{role.value}-{zone.slug}@example.org"}
                )
                if created:
                    user.set_password(DEMO_PASSWORD)
                    user.save()
                ZoneMembership.objects.get_or_create(user=user, zone=zone, role=role)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo accounts (password '{DEMO_PASSWORD}'): admin, and per zone advisor-<zone>, council-<zone>, "
                "chief-<zone> (zones: "
                + ", ".join(PoliceZone.objects.values_list("slug", flat=True))
                + "), and reader-federal, who compares the three zones (public content only)."
            )
        )
