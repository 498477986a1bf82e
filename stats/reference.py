"""The federal police's hierarchy of crime categories, as zonal security plans cite it: reference data.

Main categories as plans print them (misdrijven tegen goederen, tegen personen, ECOFIN, drugs,
informaticacriminaliteit...) with the sub-categories zones follow (woninginbraak, fietsdiefstal...). The codes
are the ones import files use. ``partition`` is on only where the listed sub-categories together count every
fact of their parent once (a residual "andere" sub-category closes the list): only there is a total of the
sub-categories computed. Loaded by ``manage.py load_crime_categories`` (which ``load_demo`` runs too); running it
again changes nothing, and never touches a zone's own categories.
"""

from __future__ import annotations

from typing import NamedTuple


class Category(NamedTuple):
    code: str
    name: str
    parent: str | None = None
    partition: bool = False


CRIME_CATEGORIES: list[Category] = [
    Category("goederen", "Misdrijven tegen goederen"),
    Category("diefstal", "Diefstal en afpersing", "goederen"),
    Category("woninginbraak", "Woninginbraak", "diefstal"),
    Category("fietsdiefstal", "Fietsdiefstal", "diefstal"),
    Category("diefstal-voertuig", "Diefstal uit of aan voertuigen", "diefstal"),
    Category("autodiefstal", "Diefstal van motorvoertuigen", "diefstal"),
    Category("winkeldiefstal", "Winkeldiefstal", "diefstal"),
    Category("gauwdiefstal", "Gauwdiefstal", "diefstal"),
    Category("geweld-diefstal", "Diefstal met geweld", "diefstal"),
    Category("beschadiging", "Beschadigen van eigendom", "goederen"),
    Category("vandalisme", "Vandalisme", "beschadiging"),
    Category("graffiti", "Graffiti", "beschadiging"),
    Category("bedrog", "Bedrog", "goederen"),
    Category("personen", "Misdrijven tegen personen"),
    Category("lichamelijke-integriteit", "Misdrijven tegen de lichamelijke integriteit", "personen"),
    Category("slagen", "Slagen en verwondingen", "lichamelijke-integriteit"),
    Category("zeden", "Aantasting van de seksuele integriteit", "lichamelijke-integriteit"),
    Category("ifg", "Intrafamiliaal geweld", "personen"),
    Category("bedreiging", "Bedreiging", "personen"),
    Category("belaging", "Belaging", "personen"),
    Category("ecofin", "Economische en financiële criminaliteit (ECOFIN)"),
    Category("oplichting", "Oplichting", "ecofin"),
    Category("witwassen", "Witwassen", "ecofin"),
    Category("sociale-fraude", "Sociale en fiscale fraude", "ecofin"),
    Category("drugs", "Drugs", None, partition=True),
    Category("drugs-bezit", "Bezit van drugs", "drugs"),
    Category("drugs-handel", "Handel in drugs", "drugs"),
    Category("drugs-invoer", "In- en uitvoer van drugs", "drugs"),
    Category("drugs-vervaardiging", "Vervaardiging van drugs", "drugs"),
    Category("drugs-andere", "Andere drugsmisdrijven", "drugs"),
    Category("informatica", "Informaticacriminaliteit"),
    Category("hacking", "Hacking", "informatica"),
    Category("informaticabedrog", "Informaticabedrog", "informatica"),
    Category("openbare-orde", "Misdrijven tegen de openbare orde"),
    Category("wapens", "Wapens en springstoffen"),
    Category("leefmilieu", "Leefmilieu"),
    Category("vreemdelingen", "Vreemdelingenwetgeving"),
    Category("mensenhandel", "Mensenhandel en mensensmokkel"),
]


def load_crime_categories(model) -> dict[str, int]:
    """Create or correct the national categories in *model* (the CrimeCategory model, or a migration's
    historical one); returns {"created": n, "changed": n}. Parents first: the list is in that order."""
    by_code, created, changed = {}, 0, 0
    for order, category in enumerate(CRIME_CATEGORIES, start=1):
        wanted = {
            "name": category.name,
            "parent_id": by_code[category.parent].pk if category.parent else None,
            "children_partition": category.partition,
            "order": order * 10,
        }
        row = model.objects.filter(zone__isnull=True, code=category.code).first()
        if row is None:
            row = model.objects.create(code=category.code, zone=None, **wanted)
            created += 1
        elif any(getattr(row, field) != value for field, value in wanted.items()):
            for field, value in wanted.items():
                setattr(row, field, value)
            row.save()
            changed += 1
        by_code[category.code] = row
    return {"created": created, "changed": changed}
