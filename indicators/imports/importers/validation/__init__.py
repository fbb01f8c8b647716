"""What the kinds of file share: forgiving header and value matching, and problems with their place.

Every check works on a column's distinct values (see reading.Table) and reports each bad cell with its
row number, the column's header as the file writes it, and a Danish explanation. All problems are
collected, not only the first, so an admin can fix a file in one go.

The package: problems.py (Problem, Problems), columns.py (matching headers, checking a column),
converters.py (a cell's text to a year, a count, a choice, a municipality). Importers import from here.
"""

from .columns import (
    KEY_ALIASES,
    Checked,
    Columns,
    check_column,
    compact,
    match_columns,
    missing_key_columns,
    normalize_label,
    require_values,
)
from .converters import MAX_COUNT, MAX_DIGITS, MIN_YEAR, MunicipalityLookup, choice_converter, to_whole_number, to_year
from .problems import EXCERPT_CHARS, MAX_PER_KIND, MAX_PROBLEMS, QUOTED, Problem, Problems, excerpt, problem_kind

__all__ = [
    "Checked", "Columns", "EXCERPT_CHARS", "KEY_ALIASES", "MAX_COUNT", "MAX_DIGITS", "MAX_PER_KIND",
    "MAX_PROBLEMS", "MIN_YEAR", "MunicipalityLookup", "Problem", "Problems", "QUOTED", "check_column",
    "choice_converter", "compact", "excerpt", "match_columns", "missing_key_columns", "normalize_label",
    "problem_kind", "require_values", "to_whole_number", "to_year",
]
