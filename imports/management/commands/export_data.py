"""Export statistics, indicator values, staff or budget tables in the import's format.

    manage.py export_data criminaliteit --zone gent --format xlsx --output gent-criminaliteit.xlsx
    manage.py export_data indicatorwaarden --plan 12 > waarden.csv

Without --user everything is exported (as a site administrator); with it, only what that user may see.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from imports.exports import to_csv, to_xlsx
from imports.kinds import SPECS, spec_for

from ._common import Operator, find_plan, find_user, find_zone


class Command(BaseCommand):
    help = "Export a zone's series or a plan's indicator values, staff or budget tables to CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(SPECS))
        parser.add_argument("--zone", help="Zone id, slug or number (statistics).")
        parser.add_argument("--plan", type=int, help="Plan id (indicator values, staff and budget tables).")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="File to write; standard output when omitted.")
        parser.add_argument("--user", help="Export only what this user may see.")

    def handle(self, kind, zone=None, plan=None, format="csv", output=None, user=None, **options):
        spec = spec_for(kind)
        plan = find_plan(plan)
        zone = find_zone(zone) or (plan.zone if plan else None)
        if zone is None or (spec.scope == "plan" and plan is None):
            raise CommandError("Give --zone for statistics, --plan for plan kinds.")
        viewer = find_user(user) if user else Operator()
        rows = spec.export_rows(viewer, zone, plan)
        content = to_csv(spec, rows) if format == "csv" else to_xlsx(spec, rows)
        if output:
            with open(output, "wb") as handle:
                handle.write(content)
        else:
            sys.stdout.buffer.write(content)
