"""Generated files for the tests and benchmarks of large imports (not used by the portal itself)."""

from __future__ import annotations

from stats.models import CrimeCategory
from zones.models import Municipality

YEARS = range(2005, 2025)


def large_crime_file(zone, rows: int, municipalities: int = 10, prefix: str = "gen") -> bytes:
    """A federal-police-style CSV (semicolons, decimal commas) of *rows* distinct rows for *zone*.

    Creates the municipalities and crime categories the rows refer to (``rows / (20 years x
    municipalities)`` categories).
    """
    places = []
    for n in range(municipalities):
        nis = f"9{n:04d}"
        Municipality.objects.get_or_create(
            nis_code=nis,
            defaults={"zone": zone, "name": f"Gemeente {nis}", "population": 1000},
        )
        places.append(nis)
    per_category = len(YEARS) * len(places)
    count = -(-rows // per_category)
    existing = set(CrimeCategory.objects.filter(code__startswith=f"{prefix}-").values_list("code", flat=True))
    CrimeCategory.objects.bulk_create(
        [
            CrimeCategory(code=f"{prefix}-{n}", name=f"Gegenereerde categorie {n}", order=1000 + n)
            for n in range(count)
            if f"{prefix}-{n}" not in existing
        ]
    )
    lines = ["jaar;nis_code;categorie;aantal;voorlopig"]
    written = 0
    for n in range(count):
        for nis in places:
            for year in YEARS:
                if written == rows:
                    break
                lines.append(f"{year};{nis};{prefix}-{n};{(n * 7 + year) % 500};nee")
                written += 1
    return ("\r\n".join(lines) + "\r\n").encode()
