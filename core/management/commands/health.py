"""``manage.py health``: the checks of ``/health/`` from the command line (the worker's container healthcheck)."""

import json

from django.core.management.base import BaseCommand, CommandError

from core.health import report


class Command(BaseCommand):
    help = "Checks the database, the cache and the broker; exits non-zero naming what is down."
    requires_system_checks = []

    def handle(self, *args, **options):
        healthy, body = report()
        self.stdout.write(json.dumps(body))
        if not healthy:
            raise CommandError(f"down: {', '.join(body['down'])}")
