"""What the import and export commands share: finding the zone, the plan and the user."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from plans.models import Plan
from zones.models import PoliceZone


def find_zone(value):
    if value is None:
        return None
    lookup = {"pk": int(value)} if str(value).isdigit() else {"slug": value}
    zone = PoliceZone.objects.filter(**lookup).first()
    if zone is None and str(value).isdigit():
        zone = PoliceZone.objects.filter(number=int(value)).first()
    if zone is None:
        raise CommandError(f"No police zone {value!r} (give its id, slug or number).")
    return zone


def find_plan(value):
    if value is None:
        return None
    plan = Plan.objects.filter(pk=value).select_related("zone").first()
    if plan is None:
        raise CommandError(f"No plan with id {value}.")
    return plan


def find_user(username):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user {username!r}.")
    return user


class Operator:
    """Whoever runs an export on the server: sees everything, like a site administrator."""

    is_authenticated = True
    is_superuser = True
    is_anonymous = False
    pk = None
