import time

from django.core.management.base import BaseCommand, CommandError

from editor.national import DEFAULT_ZONES, DatasetRefused, generate


class Command(BaseCommand):
    help = (
        "Generate a synthetic national data set (about 185 police zones, their municipalities, one published plan "
        "each with 60 priorities, indicators, targets, values and ten years of crime figures), all marked "
        "synthetic, to measure the portal at national scale. Refuses a database with real zones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--zones", type=int, default=DEFAULT_ZONES, help="How many zones (default 185).")
        parser.add_argument("--seed", type=int, default=2024, help="Seed of the random figures.")
        parser.add_argument(
            "--allow-existing-data",
            action="store_true",
            help="Add the synthetic zones even though the database holds zones the generator did not make.",
        )

    def handle(self, *args, zones, seed, allow_existing_data, **options):
        if zones < 1:
            raise CommandError("--zones must be at least 1.")
        self.verbosity = options.get("verbosity", 1)
        start = time.perf_counter()
        try:
            counts = generate(zones, seed=seed, allow_existing_data=allow_existing_data, log=self._log)
        except DatasetRefused as error:
            raise CommandError(str(error)) from error
        for label, count in counts.items():
            self.stdout.write(f"{label:20} {count:8}")
        self.stdout.write(self.style.SUCCESS(f"Synthetic data set made in {time.perf_counter() - start:.1f} s."))

    def _log(self, message):
        if self.verbosity > 1:
            self.stdout.write(message)
