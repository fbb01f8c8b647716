"""The population projections' importer: which shape a file has, the checks, and what a vintage replaces.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import DataImport, PopulationProjection

from ..kind import Importer, Key, Parsed, Progress
from ..reading import Table
from ..validation import Columns, MunicipalityLookup, Problems, check_column, require_values, to_whole_number
from ..writing import delete_rows, insert_rows
from . import shapes
from .columns import ALIASES, VARIANT, area_converter, to_age, to_projection_year, to_vintage
from .shapes import Row


@dataclass
class ProjectionData(Parsed):
    rows: dict[Key, list[Row]]  # per (year, municipality): one row per vintage and variant in the file
    skipped: int = 0  # rows of other ages, sexes or aggregate areas
    stored_keys: set[Key] = field(default_factory=set)  # the vintages' keys already in the database

    @property
    def vintages(self) -> set[str]:
        return {row[0] for rows in self.rows.values() for row in rows}

    def content_by_key(self) -> dict[Key, Hashable]:
        return {key: frozenset(rows) for key, rows in self.rows.items()}

    def rows_by_key(self) -> dict[Key, int]:
        return {key: len(rows) for key, rows in self.rows.items()}

    def details(self) -> dict[str, Any]:
        variants = sorted({str(PopulationProjection.Variant(row[1]).label) for rows in self.rows.values()
                           for row in rows})
        return {"vintages": sorted(self.vintages), "variants": variants,
                "skipped_rows": self.skipped}


class PopulationProjectionImporter(Importer):
    kind = DataImport.Kind.POPULATION_PROJECTION
    label = gettext_lazy("Befolkningsfremskrivning")

    def aliases(self) -> dict[str, tuple[str, ...]]:
        return ALIASES

    def signature(self) -> set[str]:
        return {"boern_0_2", "boern_3_5", "alder", "antal", "fremskrivning"}

    def parse(self, table: Table, columns: Columns, problems: Problems,
              municipalities: MunicipalityLookup) -> ProjectionData | None:
        long = "alder" in columns
        needed = ["alder", "antal"] if long else ["boern_0_2", "boern_3_5"]
        missing = [name for name in needed if name not in columns]
        shown = {"alder": "ALDER", "antal": "INDHOLD", "boern_0_2": "børn 0-2", "boern_3_5": "børn 3-5"}
        for name in missing:
            problems.add(_("Filen mangler kolonnen “%(column)s”.") % {"column": shown[name]}, 1, shown[name])
        if "fremskrivning" not in columns:
            # Never a name the app makes up: a guessed "DST <year>" would silently replace the vintage of that name.
            problems.add(_("Filen mangler kolonnen “fremskrivning”: skriv fremskrivningens navn i hver række, fx "
                           "“DST 2025”. En fremskrivning, der allerede er importeret med samme navn, bliver "
                           "erstattet."), 1, "fremskrivning")
        if problems:
            return None
        year = check_column(table, columns, "aar", to_projection_year, problems)
        require_values(table, columns, "aar", year, problems)
        area_name = "kommunekode" if "kommunekode" in columns else "kommune"
        area = check_column(table, columns, area_name, area_converter(municipalities), problems)
        require_values(table, columns, area_name, area, problems)
        vintage = check_column(table, columns, "fremskrivning", to_vintage, problems)
        require_values(table, columns, "fremskrivning", vintage, problems)
        variant = self._optional(table, columns, "variant", VARIANT, problems)
        if long:
            age = check_column(table, columns, "alder", to_age, problems)
            require_values(table, columns, "alder", age, problems)
            count = check_column(table, columns, "antal", to_whole_number, problems)
            require_values(table, columns, "antal", count, problems)
            sex = self._optional(table, columns, "koen", str, problems)
            figures: tuple[list[Any] | None, ...] = (age.values(), count.values(), sex)
        else:
            young = check_column(table, columns, "boern_0_2", to_whole_number, problems)
            require_values(table, columns, "boern_0_2", young, problems)
            older = check_column(table, columns, "boern_3_5", to_whole_number, problems)
            require_values(table, columns, "boern_3_5", older, problems)
            figures = (young.values(), older.values())
        if problems:
            return None
        years, areas, vintages = year.values(), area.values(), vintage.values()
        variants = variant or [None] * len(years)
        variants = [value or PopulationProjection.Variant.CENTRAL for value in variants]
        common = (table, columns, problems, municipalities, years, areas, vintages, variants)
        rows, skipped = shapes.long(*common, *figures) if long else shapes.wide(*common, *figures)
        if problems:
            return None
        return ProjectionData(rows=rows, skipped=skipped)

    @staticmethod
    def _optional(table: Table, columns: Columns, name: str, convert, problems: Problems) -> list | None:
        if name not in columns:
            return None
        return check_column(table, columns, name, convert, problems).values()

    def _stored(self, parsed: ProjectionData) -> dict[Key, set[Row]]:
        stored: dict[Key, set[Row]] = defaultdict(set)
        query = PopulationProjection.objects.filter(vintage__in=parsed.vintages).values_list(
            "year", "municipality_id", "vintage", "variant", "children_0_2", "children_3_5")
        for year, municipality, vintage, variant, young, older in query:
            stored[(year, municipality)].add((vintage, variant, young, older))
        return stored

    def stored_content(self, keys: Iterable[Key], parsed: Parsed) -> dict[Key, Hashable]:
        assert isinstance(parsed, ProjectionData)
        stored = self._stored(parsed)
        parsed.stored_keys = set(stored)
        return {key: frozenset(stored[key]) for key in keys if key in stored}

    def removed_keys(self, parsed: Parsed, keys: Iterable[Key]) -> set[Key]:
        assert isinstance(parsed, ProjectionData)
        return parsed.stored_keys - set(keys)

    def write(self, parsed: Parsed, keys: set[Key], data_import: DataImport, progress: Progress) -> int:
        assert isinstance(parsed, ProjectionData)
        vintages = parsed.vintages
        by_year: dict[int, list[int]] = defaultdict(list)
        for year, municipality in keys:
            by_year[year].append(municipality)
        for year, municipalities in by_year.items():
            delete_rows(PopulationProjection.objects.filter(vintage__in=vintages, year=year,
                                                            municipality_id__in=municipalities))
        rows = [(vintage, variant, year, municipality, young, older, data_import.pk)
                for (year, municipality), items in sorted(parsed.rows.items()) if (year, municipality) in keys
                for vintage, variant, young, older in items]
        insert_rows(PopulationProjection, ["vintage", "variant", "year", "municipality", "children_0_2",
                                           "children_3_5", "data_import"], rows, progress)
        return len(rows)
