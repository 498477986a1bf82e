"""Fixtures of the import tests: a zone with two municipalities, a small category tree, and a helper that
imports bytes as if they were uploaded."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from imports import services
from imports.models import ImportJob
from tests import factories as f


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    """Uploads go to a temporary folder; messages are checked in English (the source language)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(zone_a, zone_b, advisor):
    # The files name zone A by number 5999; a zone the factories numbered earlier gives it up.
    type(zone_a).objects.filter(number=5999).exclude(pk=zone_a.pk).update(number=None)
    zone_a.number = 5999
    zone_a.save()
    herent = f.MunicipalityFactory(zone=zone_a, name="Herent", nis_code="24038")
    kortenberg = f.MunicipalityFactory(zone=zone_a, name="Kortenberg", nis_code="24055")
    gent = f.MunicipalityFactory(zone=zone_b, name="Gent", nis_code="44021")
    theft = f.CrimeCategoryFactory(code="diefstal", name="Diefstal en afpersing")
    burglary = f.CrimeCategoryFactory(code="woninginbraak", name="Woninginbraak", parent=theft)
    bikes = f.CrimeCategoryFactory(code="fietsdiefstal", name="Fietsdiefstal", parent=theft)
    drugs = f.CrimeCategoryFactory(code="drugs", name="Drugs")
    return SimpleNamespace(
        zone=zone_a,
        other_zone=zone_b,
        herent=herent,
        kortenberg=kortenberg,
        gent=gent,
        theft=theft,
        burglary=burglary,
        bikes=bikes,
        drugs=drugs,
        advisor=advisor,
    )


def csv_bytes(lines, delimiter=";", encoding="utf-8", bom=False) -> bytes:
    text = "\r\n".join(delimiter.join(str(c) for c in line) for line in lines) + "\r\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def run_import(user, kind, content: bytes, name="cijfers.csv", zone=None, plan=None, overwrite=False) -> ImportJob:
    """Upload *content* as *name* and run the import at once; the job, refreshed."""
    zone = zone or plan.zone
    upload = SimpleUploadedFile(name, content)
    job = services.create_job(user=user, kind=kind, zone=zone, plan=plan, upload=upload, overwrite=overwrite)
    services.start(job, at_once=True)
    job.refresh_from_db()
    return job


def problems_at(job):
    """{(row, column)} of a job's problems."""
    return {(p["row"], p["column"]) for p in job.problems}
