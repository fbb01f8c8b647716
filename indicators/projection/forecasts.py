"""The published forecasts of the pedagogue shortage that the national projection page sets beside its own sum:
fixtures/reference/forecasts.csv, each with its source as a record (sources.csv) and, where only a secondary
report was found, the report it is given after ("gengivet efter …")."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

from ..models import BenchmarkSource

# Beside the other reference data (reference/loader.py reads that folder); not imported from there, as the
# reference package imports the imports, which ask the projection what a new vintage changes.
FORECASTS_CSV = Path(settings.BASE_DIR) / "fixtures" / "reference" / "forecasts.csv"


@dataclass(frozen=True)
class Forecast:
    forecaster: str  # who made it
    shortage: int  # pedagogues lacking (persons or FTE, as the source gives it)
    year: int
    covers: str  # what it counts, in words
    source: BenchmarkSource | None
    via: str = ""  # the secondary report it is given after; blank: the forecaster's own publication


@cache
def _rows() -> tuple[dict[str, str], ...]:
    with open(FORECASTS_CSV, encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def published_forecasts() -> list[Forecast]:
    """Every published forecast in the reference data, with its source record; one query."""
    rows = _rows()
    sources = BenchmarkSource.objects.in_bulk([row["source"] for row in rows], field_name="slug")
    return [Forecast(row["forecaster_da"], int(row["shortage"]), int(row["year"]), row["covers_da"],
                     sources.get(row["source"]), row["via_da"]) for row in rows]
