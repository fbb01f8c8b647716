"""The (year, municipality) key every kind of file has, and the rows of files with one row per key.

Workforce statistics and the mapping survey have one row per municipality and year; practicum evaluations
have one row per respondent, so only their keys are read here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from .kind import Key
from .reading import Table
from .validation import Checked, Columns, MunicipalityLookup, Problems, check_column, require_values, to_year


def check_keys(table: Table, columns: Columns, problems: Problems,
               municipalities: MunicipalityLookup) -> tuple[Checked, Checked]:
    """The year and municipality of every row (by code, or by name when the file has no code column)."""
    year = check_column(table, columns, "aar", to_year, problems)
    require_values(table, columns, "aar", year, problems)
    name = "kommunekode" if "kommunekode" in columns else "kommune"
    convert = municipalities.from_code if name == "kommunekode" else municipalities.from_name
    municipality = check_column(table, columns, name, convert, problems)
    require_values(table, columns, name, municipality, problems)
    return year, municipality


def report_duplicate_keys(table: Table, columns: Columns, keys: list[tuple[int, int]],
                          municipalities: MunicipalityLookup, problems: Problems) -> bool:
    """Reports every row whose (year, municipality) an earlier row already has; True if any."""
    header = columns.header("kommunekode" if "kommunekode" in columns else "kommune")
    first: dict[tuple[int, int], int] = {}
    found = False
    for index, key in enumerate(keys):
        row = int(table.row_numbers[index])
        if key in first:
            problems.add(_("%(name)s står allerede for %(year)d i række %(first)d; hver kommune må kun stå én "
                           "gang pr. år.") % {"name": municipalities.names[key[1]], "year": key[0],
                                               "first": first[key]}, row, header)
            found = True
        else:
            first[key] = row
    return found


def rows_by_key(table: Table, columns: Columns, names: list[str], convert: Callable[[str], object],
                problems: Problems, municipalities: MunicipalityLookup) -> dict[Key, tuple] | None:
    """Each row's values of the columns `names` (read with `convert`), by (year, municipality); None when any
    key or cell is wrong or a key stands twice, each problem in `problems`."""
    year, municipality = check_keys(table, columns, problems, municipalities)
    values = [check_column(table, columns, name, convert, problems).values() for name in names]
    if problems:
        return None
    keys = list(zip(year.as_int().tolist(), municipality.as_int().tolist(), strict=True))
    if report_duplicate_keys(table, columns, keys, municipalities, problems):
        return None
    return {key: tuple(column[index] for column in values) for index, key in enumerate(keys)}
