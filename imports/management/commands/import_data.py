"""Import a CSV or XLSX file from the command line, checked and written exactly as an upload is.

    manage.py import_data criminaliteit cijfers.csv --zone gent --user advisor-gent
    manage.py import_data indicatorwaarden waarden.xlsx --plan 12 --user advisor-gent --overwrite

The file is checked as a whole; with any problem nothing is written and every problem is listed with its
row and column (exit status 1). A file that changes stored values is written only with --overwrite.
"""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from imports import services
from imports.kinds import SPECS
from imports.models import ImportOutcome
from imports.parsers import FileProblem

from ._common import find_plan, find_user, find_zone


class Command(BaseCommand):
    help = "Import statistics, indicator values, staff or budget tables from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(SPECS))
        parser.add_argument("path")
        parser.add_argument("--zone", help="Zone id, slug or number (statistics).")
        parser.add_argument("--plan", type=int, help="Plan id (indicator values, staff and budget tables).")
        parser.add_argument("--user", required=True, help="The user the import is made as (history, permissions).")
        parser.add_argument("--overwrite", action="store_true", help="Overwrite stored values the file changes.")
        parser.add_argument("--background", action="store_true", help="Hand the job to the Celery worker.")

    def handle(self, kind, path, zone=None, plan=None, user=None, overwrite=False, background=False, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"No file {path}.")
        plan = find_plan(plan)
        zone = find_zone(zone) or (plan.zone if plan else None)
        if zone is None:
            raise CommandError("Give --zone (or --plan for plan kinds).")
        user = find_user(user)
        if not services.may_import(user, kind, zone, plan):
            raise CommandError(f"{user} may not import {kind} into {plan or zone}.")
        with source.open("rb") as handle:
            upload = File(handle, name=source.name)
            upload.size = source.stat().st_size
            try:
                job = services.create_job(
                    user=user, kind=kind, zone=zone, plan=plan, upload=upload, overwrite=overwrite
                )
            except FileProblem as exc:
                raise CommandError(str(exc)) from exc
        services.start(job, at_once=not background)
        job.refresh_from_db()
        if background and not job.is_finished:
            self.stdout.write(f"Import #{job.pk} queued.")
            return
        if job.is_failed:
            raise CommandError(f"Import #{job.pk} failed: {job.error}")
        if job.outcome == ImportOutcome.INVALID:
            for problem in job.problems:
                self.stderr.write(
                    f"row {problem['row'] or '-'}, column {problem['column'] or '-'}: {problem['message']}"
                )
            if job.problem_count > len(job.problems):
                self.stderr.write(f"... and {job.problem_count - len(job.problems)} more problems.")
            raise CommandError(f"{job.problem_count} problems; nothing was written.")
        if job.outcome == ImportOutcome.NEEDS_CONFIRMATION:
            raise CommandError(f"The file changes {job.summary['changed']} stored values; run again with --overwrite.")
        self.stdout.write(f"Import #{job.pk}: {job.get_outcome_display()}; {job.summary}")
