"""Population projections: children 0–2 and 3–5 per municipality and year, from a named vintage.

Two shapes are accepted:

    wide  år;kommunekode;børn 0-2;børn 3-5;fremskrivning[;variant]        one row per municipality and year
    long  OMRÅDE;ALDER;TID;INDHOLD[;KØN][;fremskrivning][;variant]       Danmarks Statistik's table export:
          one row per municipality × age × year; "0 år" … "5 år" are summed into the two bands, other ages
          and the aggregate areas (Hele landet, regions, landsdele) are skipped; with KØN only "I alt" counts.

The municipality may be a code, a name, or DST's "165 Albertslund". Without a `fremskrivning` column
the vintage is named after Danmarks Statistik's convention, "DST <the first year in the file>". A variant
(hoved/lav/høj) is optional; without it the rows are the main projection.

Re-importing a vintage replaces it: each (year, municipality) the file has is replaced, and the vintage's
rows for years and municipalities the file no longer has are removed. Other vintages stay as they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import DataImport, PopulationProjection

from .kind import Importer, Key, Parsed, Progress
from .reading import Table
from .validation import (
    KEY_ALIASES,
    MIN_YEAR,
    Columns,
    MunicipalityLookup,
    Problems,
    check_column,
    choice_converter,
    compact,
    require_values,
    to_whole_number,
)
from .writing import insert_rows

MAX_YEAR = 2100
AGES = range(6)  # 0 … 5 years: the two bands 0–2 and 3–5
AGGREGATE = -1  # an area that is not one municipality (Hele landet, a region): skipped

ALIASES: dict[str, tuple[str, ...]] = {
    "aar": (*KEY_ALIASES["aar"], "tid"),
    "kommunekode": KEY_ALIASES["kommunekode"],
    "kommune": (*KEY_ALIASES["kommune"], "område", "omraade", "område_kode", "area"),
    "boern_0_2": ("børn 0-2", "børn 0-2 år", "børn 0–2 år", "0-2 årige", "børn_0_2"),
    "boern_3_5": ("børn 3-5", "børn 3-5 år", "børn 3–5 år", "3-5 årige", "børn_3_5"),
    "alder": ("age",),
    "antal": ("indhold", "personer", "value"),
    "koen": ("køn", "sex"),
    "fremskrivning": ("vintage", "udgave", "projection"),
    "variant": ("forløb", "fremskrivningsvariant"),
}

VARIANT = choice_converter(
    {**dict.fromkeys(("hoved", "hovedfremskrivning", "central", "middel"), PopulationProjection.Variant.CENTRAL),
     **dict.fromkeys(("lav", "low"), PopulationProjection.Variant.LOW),
     **dict.fromkeys(("høj", "high"), PopulationProjection.Variant.HIGH)},
    "hoved, lav eller høj",
)
TOTAL_SEX = {compact(text) for text in ("I alt", "Køn i alt", "total")}
AGGREGATE_AREAS = re.compile(r"^(hele landet|region |landsdel |danmark)", re.IGNORECASE)


def to_projection_year(text: str) -> int:
    cleaned = text.replace(" ", "")
    if not re.fullmatch(r"\d{4}([.,]0+)?", cleaned):
        raise ValueError(_("“%(value)s” er ikke et årstal.") % {"value": text})
    year = int(cleaned[:4])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(_("Årstallet %(year)d ligger uden for %(first)d–%(last)d.")
                         % {"year": year, "first": MIN_YEAR, "last": MAX_YEAR})
    return year


def to_age(text: str) -> int:
    """'0 år', '3', '5 år' → the age; 'I alt' and the like → -1 (skipped)."""
    if compact(text) in {"ialt", "alderialt", "total"}:
        return -1
    match = re.fullmatch(r"(\d{1,3})\s*(år)?(\s+og\s+derover)?", text.strip().lower())
    if not match:
        raise ValueError(_("“%(value)s” er ikke en alder (fx “0 år”).") % {"value": text})
    return int(match.group(1))


def to_vintage(text: str) -> str:
    if len(text) > 100:
        raise ValueError(_("Fremskrivningens navn må højst være 100 tegn."))
    return text


def area_converter(municipalities: MunicipalityLookup):
    """A municipality by code, name, or DST's 'code name'; aggregate areas give AGGREGATE."""

    def convert(text: str) -> int:
        if AGGREGATE_AREAS.match(text.strip()):
            return AGGREGATE
        match = re.fullmatch(r"(\d{1,4})\s+\D.*", text.strip())
        if match:
            return municipalities.from_code(match.group(1))
        if re.fullmatch(r"[\d\s.,]+", text):
            return municipalities.from_code(text)
        return municipalities.from_name(text)

    return convert


Row = tuple[str, str, int, int]  # (vintage, variant, children 0–2, children 3–5)


@dataclass
class ProjectionData(Parsed):
    rows: dict[Key, list[Row]]  # per (year, municipality): one row per vintage and variant in the file
    vintage_named: bool  # the file names its vintage (else "DST <first year>")
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
        return {"vintages": sorted(self.vintages), "vintage_named": self.vintage_named, "variants": variants,
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
        if missing:
            shown = {"alder": "ALDER", "antal": "INDHOLD", "boern_0_2": "børn 0-2", "boern_3_5": "børn 3-5"}
            for name in missing:
                problems.add(_("Filen mangler kolonnen “%(column)s”.") % {"column": shown[name]}, 1, shown[name])
            return None
        year = check_column(table, columns, "aar", to_projection_year, problems)
        require_values(table, columns, "aar", year, problems)
        area_name = "kommunekode" if "kommunekode" in columns else "kommune"
        area = check_column(table, columns, area_name, area_converter(municipalities), problems)
        require_values(table, columns, area_name, area, problems)
        vintage = self._optional(table, columns, "fremskrivning", to_vintage, problems)
        variant = self._optional(table, columns, "variant", VARIANT, problems)
        if long:
            age = check_column(table, columns, "alder", to_age, problems)
            require_values(table, columns, "alder", age, problems)
            count = check_column(table, columns, "antal", to_whole_number, problems)
            require_values(table, columns, "antal", count, problems)
            sex = self._optional(table, columns, "koen", str, problems)
            figures = (age.values(), count.values(), sex)
        else:
            young = check_column(table, columns, "boern_0_2", to_whole_number, problems)
            require_values(table, columns, "boern_0_2", young, problems)
            older = check_column(table, columns, "boern_3_5", to_whole_number, problems)
            require_values(table, columns, "boern_3_5", older, problems)
            figures = (young.values(), older.values())
        if problems:
            return None
        years, areas = year.values(), area.values()
        default_vintage = _("DST %(year)d") % {"year": min(years)}
        vintages = [value or default_vintage for value in vintage] if vintage else [default_vintage] * len(years)
        variants = variant or [None] * len(years)
        variants = [value or PopulationProjection.Variant.CENTRAL for value in variants]
        common = (table, columns, problems, municipalities, years, areas, vintages, variants)
        rows, skipped = self._long(*common, *figures) if long else self._wide(*common, *figures)
        if problems:
            return None
        return ProjectionData(rows=rows, vintage_named=vintage is not None, skipped=skipped)

    @staticmethod
    def _optional(table: Table, columns: Columns, name: str, convert, problems: Problems) -> list | None:
        if name not in columns:
            return None
        return check_column(table, columns, name, convert, problems).values()

    @staticmethod
    def _wide(table, columns, problems, municipalities, years, areas, vintages, variants, young, older):
        rows: dict[Key, list[Row]] = defaultdict(list)
        first: dict[tuple, int] = {}
        skipped = 0
        header = columns.header("kommunekode" if "kommunekode" in columns else "kommune")
        for index, area in enumerate(areas):
            row_number = int(table.row_numbers[index])
            if area == AGGREGATE:
                skipped += 1
                continue
            identity = (vintages[index], variants[index], years[index], area)
            if identity in first:
                problems.add(_("%(name)s står allerede for %(year)d i række %(first)d; hver kommune må kun stå "
                               "én gang pr. år og fremskrivning.")
                             % {"name": municipalities.names[area], "year": years[index], "first": first[identity]},
                             row_number, header)
                continue
            first[identity] = row_number
            rows[(years[index], area)].append((vintages[index], str(variants[index]), young[index], older[index]))
        return dict(rows), skipped

    @staticmethod
    def _long(table, columns, problems, municipalities, years, areas, vintages, variants, ages, counts, sexes):
        bands: dict[tuple, list[int]] = {}
        seen: dict[tuple, int] = {}
        first_row: dict[tuple, int] = {}
        skipped = 0
        has_total = sexes is not None and any(compact(value or "") in TOTAL_SEX for value in sexes)
        for index, area in enumerate(areas):
            row_number = int(table.row_numbers[index])
            age = ages[index]
            other_sex = sexes is not None and has_total and compact(sexes[index] or "") not in TOTAL_SEX
            if area == AGGREGATE or age not in AGES or other_sex:
                skipped += 1
                continue
            identity = (vintages[index], str(variants[index]), years[index], area)
            sex = "" if has_total or sexes is None else compact(sexes[index] or "")
            if (*identity, age, sex) in seen:
                problems.add(_("%(name)s, %(age)d år, %(year)d står allerede i række %(first)d.")
                             % {"name": municipalities.names[area], "age": age, "year": years[index],
                                "first": seen[(*identity, age, sex)]}, row_number, columns.header("alder"))
                continue
            seen[(*identity, age, sex)] = row_number
            first_row.setdefault(identity, row_number)
            counts_by_age = bands.setdefault(identity, [0] * len(AGES) + [0])
            counts_by_age[age] += counts[index]
            counts_by_age[-1] |= 1 << age  # which ages the file has
        rows: dict[Key, list[Row]] = defaultdict(list)
        for identity, values in bands.items():
            lacking = [age for age in AGES if not values[-1] & (1 << age)]
            if lacking:
                vintage, _variant, year, area = identity
                problems.add(_("%(name)s mangler %(ages)s for %(year)d; alle aldre 0–5 år skal være med.")
                             % {"name": municipalities.names[area], "year": year,
                                "ages": ", ".join(_("%(age)d år") % {"age": age} for age in lacking)},
                             first_row[identity], columns.header("alder"))
                continue
            vintage, variant, year, area = identity
            rows[(year, area)].append((vintage, variant, sum(values[0:3]), sum(values[3:6])))
        if not rows and not problems:
            problems.add(_("Filen har ingen rækker for børn på 0–5 år i en kommune."), None, None)
        return dict(rows), skipped

    def _stored(self, parsed: ProjectionData) -> dict[Key, set[Row]]:
        stored: dict[Key, set[Row]] = defaultdict(set)
        query = PopulationProjection.objects.filter(vintage__in=parsed.vintages).values_list(
            "year", "municipality_id", "vintage", "variant", "children_0_2", "children_3_5")
        for year, municipality, *row in query:
            stored[(year, municipality)].add(tuple(row))
        return stored

    def stored_content(self, keys: Iterable[Key], parsed: Parsed) -> dict[Key, Hashable]:
        assert isinstance(parsed, ProjectionData)
        stored = self._stored(parsed)
        parsed.stored_keys = set(stored)
        return {key: frozenset(stored[key]) for key in keys if key in stored}

    def stale_keys(self, parsed: Parsed, keys: Iterable[Key]) -> set[Key]:
        assert isinstance(parsed, ProjectionData)
        return parsed.stored_keys - set(keys)

    def write(self, parsed: Parsed, keys: set[Key], data_import: DataImport, progress: Progress) -> int:
        assert isinstance(parsed, ProjectionData)
        vintages = parsed.vintages
        by_year: dict[int, list[int]] = defaultdict(list)
        for year, municipality in keys:
            by_year[year].append(municipality)
        for year, municipalities in by_year.items():
            PopulationProjection.objects.filter(vintage__in=vintages, year=year,
                                                municipality_id__in=municipalities).delete()
        rows = [(vintage, variant, year, municipality, young, older, data_import.pk)
                for (year, municipality), items in sorted(parsed.rows.items()) if (year, municipality) in keys
                for vintage, variant, young, older in items]
        insert_rows(PopulationProjection, ["vintage", "variant", "year", "municipality", "children_0_2",
                                           "children_3_5", "data_import"], rows, progress)
        return len(rows)

