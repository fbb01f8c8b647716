"""Loads the reference data shipped in fixtures/reference/ into the database, idempotently.

The CSV files are the project's copy of the resolved source data (with Danish `*_da` columns added
for the notes and sources users read) (regions, municipalities, the
EVA catalogue with its benchmark shares, key facts and inspiration cases); pathways and target
groups are in pathways.json. Every row is matched on its natural key, so loading twice changes
nothing and an admin's later correction of a label is overwritten only by a newer data file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from indicators.models import Benchmark, BenchmarkSource, KeyFact, ProjectionAssumption
from interventions.models import InspirationCase, InterventionType
from recruitment.models import Municipality, Pathway, Region, TargetGroup

REFERENCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "reference"

EVA_SOURCE = {
    "name": "EVA: Flere pædagoger til daginstitutioner",
    "publisher": "Danmarks Evalueringsinstitut (EVA)",
    "year": 2024,
    "note": "Andel af kommunerne, der har en given indsats (survey blandt dagtilbudschefer, 2024).",
}

# The source documents behind the cases, by their file in the seeds.
CASE_SOURCES = {
    "000_95ae2044ac312d44.txt": "EVA: Flere pædagoger til daginstitutioner, inspirationshæfte (2024)",
    "002_502c1f2a9890440d.txt": "Ishøj Kommune: Uddannelsesstrategi – velfærdsområdet",
    "003_4e27f4ebb72abfeb.txt": "Albertslund Kommune: Strategi for uddannelse og rekruttering på velfærdsområdet",
}


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return ", ".join(f"{name}: {count}" for name, count in self.counts.items())


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@transaction.atomic
def load_reference_data() -> LoadReport:
    report = LoadReport()
    report.counts["regioner og kommuner"] = _load_municipalities()
    report.counts["målgrupper"] = _load_pathways()
    report.counts["indsatstyper"] = _load_catalogue()
    report.counts["nøgletal"] = _load_key_facts()
    report.counts["cases"] = _load_cases()
    report.counts["antagelser i fremskrivningen"] = _load_projection_assumptions()
    return report


def _load_municipalities() -> int:
    count = 0
    for row in _rows("municipalities.csv"):
        region, _ = Region.objects.update_or_create(code=int(row["region_code"]),
                                                    defaults={"name": row["region_name"]})
        Municipality.objects.update_or_create(
            code=int(row["code"]),
            defaults={"name": row["name"], "region": region,
                      "approx_population": int(row["approx_population"]) if row["approx_population"] else None},
        )
        count += 1
    return count


def _load_pathways() -> int:
    count = 0
    data = json.loads((REFERENCE_DIR / "pathways.json").read_text(encoding="utf-8"))
    for position, item in enumerate(data):
        pathway, _ = Pathway.objects.update_or_create(slug=item["slug"],
                                                      defaults={"name": item["name"], "position": position})
        for group_position, group in enumerate(item["target_groups"]):
            TargetGroup.objects.update_or_create(
                slug=group["slug"],
                defaults={"pathway": pathway, "name": group["name"], "description": group["description"],
                          "position": group_position},
            )
            count += 1
    return count


def _load_catalogue() -> int:
    source, _ = BenchmarkSource.objects.update_or_create(
        name=EVA_SOURCE["name"], defaults={k: v for k, v in EVA_SOURCE.items() if k != "name"}
    )
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    count = 0
    for position, row in enumerate(_rows("eva_catalog.csv")):
        intervention_type, _ = InterventionType.objects.update_or_create(
            slug=row["slug"],
            defaults={"label": row["label_da"], "target_group": groups[row["target_group"]],
                      "theme": row["theme"], "position": position},
        )
        Benchmark.objects.update_or_create(
            source=source, intervention_type=intervention_type,
            defaults={"share_pct": Decimal(row["eva_share_pct"]) if row["eva_share_pct"] else None,
                      "confidence": row["confidence"], "note": row["note_da"]},
        )
        count += 1
    return count


def _load_key_facts() -> int:
    pathways = {pathway.slug: pathway for pathway in Pathway.objects.all()}
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    count = 0
    for position, row in enumerate(_rows("key_facts.csv")):
        KeyFact.objects.update_or_create(
            slug=row["slug"],
            defaults={"pathway": pathways.get(row["pathway"]), "target_group": groups.get(row["target_group"]),
                      "value": Decimal(row["value"]), "unit": row["unit"], "label": row["label_da"],
                      "source": row["source_da"], "year": int(row["year"]), "note": row["note_da"],
                      "position": position},
        )
        count += 1
    return count


def _load_cases() -> int:
    municipalities = {m.code: m for m in Municipality.objects.all()}
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    types = {t.slug: t for t in InterventionType.objects.all()}
    count = 0
    for row in _rows("cases.csv"):
        case, _ = InspirationCase.objects.update_or_create(
            title=row["title"],
            defaults={"municipality": municipalities[int(row["municipality_code"])],
                      "target_group": groups[row["target_group"]], "description": row["description_da"],
                      "partner": row["partner"], "source": CASE_SOURCES[row["seed_file"]]},
        )
        case.intervention_types.set([types[slug] for slug in row["intervention_types"].split(";") if slug])
        count += 1
    return count


def _load_projection_assumptions() -> int:
    """The projection's assumptions. The value is the admin's to set: a new file sets it only for a new
    assumption (or when the admin's value falls outside the file's range), never over the admin's choice."""
    count = 0
    for position, row in enumerate(_rows("projection_assumptions.csv")):
        minimum, maximum = Decimal(row["minimum"]), Decimal(row["maximum"])
        assumption, created = ProjectionAssumption.objects.get_or_create(
            slug=row["slug"], defaults={"value": Decimal(row["value"]), "minimum": minimum, "maximum": maximum,
                                        "label": row["label_da"], "position": position})
        assumption.minimum, assumption.maximum = minimum, maximum
        if not minimum <= assumption.value <= maximum:
            assumption.value = Decimal(row["value"])
        assumption.label, assumption.source, assumption.note = row["label_da"], row["source_da"], row["note_da"]
        assumption.position = position
        assumption.save()
        count += 1
    return count
