from django.core.management.base import BaseCommand
from django.db import transaction

from stats.models import CrimeCategory
from stats.reference import load_crime_categories


class Command(BaseCommand):
    help = (
        "Load the federal police's hierarchy of crime categories (reference data). Safe to run again: it "
        "creates what is missing, corrects what differs and never touches a zone's own categories."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            result = load_crime_categories(CrimeCategory)
        self.stdout.write(f"crime categories: {result['created']} created, {result['changed']} corrected")
