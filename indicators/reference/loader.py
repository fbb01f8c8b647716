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

# The benchmarks' source before sources were records (a database loaded then is updated in place).
OLD_EVA_SOURCE_NAME = "EVA: Flere pædagoger til daginstitutioner"
# The EVA shares are read from the booklet; they describe the survey of 2024.
EVA_SOURCE_KEY = "eva-booklet"
EVA_DATA_YEAR = 2024


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
    report.counts["kilder"] = _load_sources()
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


def _load_sources() -> int:
    BenchmarkSource.objects.filter(name=OLD_EVA_SOURCE_NAME, slug__isnull=True).update(slug=EVA_SOURCE_KEY)
    count = 0
    for row in _rows("sources.csv"):
        BenchmarkSource.objects.update_or_create(
            slug=row["key"], defaults={"name": row["title"], "publisher": row["publisher"],
                                       "year": int(row["publication_year"]) if row["publication_year"] else None,
                                       "url": row["url"], "note": row["description_da"]})
        count += 1
    return count


def _sources() -> dict[str, BenchmarkSource]:
    return {source.slug: source for source in BenchmarkSource.objects.exclude(slug=None) if source.slug is not None}


def _load_catalogue() -> int:
    sources = _sources()
    source = sources[EVA_SOURCE_KEY]
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    count = 0
    for position, row in enumerate(_rows("eva_catalog.csv")):
        intervention_type, _ = InterventionType.objects.update_or_create(
            slug=row["slug"],
            defaults={"label": row["label_da"], "target_group": groups[row["target_group"]],
                      "theme": row["theme"], "position": position, "eva_recommends": row["eva_recommends"] == "1",
                      "recommendation_quote": row["recommendation_quote"]},
        )
        Benchmark.objects.update_or_create(
            source=source, intervention_type=intervention_type,
            defaults={"share_pct": Decimal(row["eva_share_pct"]) if row["eva_share_pct"] else None,
                      "confidence": row["confidence"], "note": row["note_da"],
                      "data_year": EVA_DATA_YEAR if row["eva_share_pct"] else None, "quote": row["quote"],
                      "quote_location": row["quote_location"], "quote_source": sources[row["quote_source"]]},
        )
        count += 1
    return count


def _load_key_facts() -> int:
    pathways = {pathway.slug: pathway for pathway in Pathway.objects.all()}
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    sources = _sources()
    count = 0
    for position, row in enumerate(_rows("key_facts.csv")):
        source = sources[row["source_key"]]
        KeyFact.objects.update_or_create(
            slug=row["slug"],
            defaults={"pathway": pathways.get(row["pathway"]), "target_group": groups.get(row["target_group"]),
                      "value": Decimal(row["value"]), "unit": row["unit"], "label": row["label_da"],
                      "source": source.name[:200], "source_record": source,
                      "year": int(row["year"]) if row["year"] else None, "note": row["note_da"],
                      "geography": row["geography_da"], "population": row["population_da"], "quote": row["quote"],
                      "quote_location": row["quote_location"], "quote_source": sources[row["quote_source"]],
                      "position": position},
        )
        count += 1
    return count


def _load_cases() -> int:
    municipalities = {m.code: m for m in Municipality.objects.all()}
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    types = {t.slug: t for t in InterventionType.objects.all()}
    sources = _sources()
    titles = []
    for row in _rows("cases.csv"):
        source = sources[row["source_key"]]
        case, _ = InspirationCase.objects.update_or_create(
            title=row["title"],
            defaults={"municipality": municipalities[int(row["municipality_code"])],
                      "target_group": groups[row["target_group"]], "description": row["description_da"],
                      "partner": row["partner"], "source": source.citation, "status": row["status"],
                      "quote": row["quote"]},
        )
        case.intervention_types.set([types[slug] for slug in row["intervention_types"].split(";") if slug])
        case.other_municipalities.set([municipalities[int(code)] for code in row["other_municipality_codes"].split(";")
                                       if code])
        titles.append(case.title)
    # The file is the truth: a case renamed or removed there leaves no stale copy behind.
    InspirationCase.objects.exclude(title__in=titles).delete()
    return len(titles)


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
