"""Generate the public PDFs of published plans: the plan itself and the annual reports of finished years.

Idempotent: a document whose current edition was made from the plan's present
revision is not made again. With a Celery broker configured the documents are
queued for the worker; without one (the embedded defaults) they are made here.
``make run`` calls it after loading the demo, so the public portal has PDFs to offer.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.base import Protection
from documents.models import Document
from documents.services import request_document
from plans.models import Plan


class Command(BaseCommand):
    help = "Generate the public PDF of every published plan and its annual reports of finished years."

    def add_arguments(self, parser):
        parser.add_argument("--zone", help="Only the plans of the zone with this slug.")
        parser.add_argument("--no-annual-reports", action="store_true", help="Only the plan documents.")

    def handle(self, *args, **options):
        plans = Plan.objects.filter(status__in=Plan.PUBLIC_STATUSES).select_related("zone").order_by("zone", "pk")
        if options["zone"]:
            plans = plans.filter(zone__slug=options["zone"])
        last_finished_year = timezone.localdate().year - 1
        made = kept = 0
        for plan in plans:
            wanted = [(Document.Kind.PLAN, None)]
            if not options["no_annual_reports"]:
                wanted += [(Document.Kind.ANNUAL_REPORT, year) for year in plan.years if year <= last_finished_year]
            for kind, year in wanted:
                current = (
                    Document.objects.filter(plan=plan, kind=kind, year=year, protection=Protection.PUBLIC)
                    .current()
                    .first()
                )
                if current is not None and current.made_from_revision == plan.revision:
                    kept += 1
                    continue
                document = request_document(plan, kind, Protection.PUBLIC, year, check=False)
                document.refresh_from_db()
                made += 1
                self.stdout.write(f"{plan.zone.name}: {document.title} – {document.get_status_display()}")
        self.stdout.write(self.style.SUCCESS(f"{made} document(s) generated or queued, {kept} already up to date."))
