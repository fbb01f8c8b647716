"""The admin's data imports: five kinds of file, one module (or package) each, sharing reading and validation.

    reading/                 CSV/XLSX in any of the dialects municipalities have -> a table of text cells
    validation/              header and value matching, problems with row, column and a Danish message
    kind.py                  the Importer interface every kind implements, and what its parse gives (Parsed)
    base.py                  analyse (check + compare, changes nothing) and apply (one transaction)
    writing.py               the bulk writes (insert_rows, delete_keys) inside the import's transaction
    keyed.py                 the (year, municipality) key of every kind, and the rows of files with one row per key
    practicum/               practicum evaluations (respondent rows -> counts)
    workforce.py             workforce statistics per municipality and year
    intervention_survey.py   the mapping survey's snapshot of which intervention types each municipality runs
    groupings.py             comparison groupings: which group of a named grouping each municipality is in
    population/              children 0–2 and 3–5 per municipality and year from a population projection vintage
"""

from __future__ import annotations

from .groupings import GroupingImporter
from .intervention_survey import InterventionSurveyImporter
from .kind import Importer
from .population import PopulationProjectionImporter
from .practicum import PracticumImporter
from .workforce import WorkforceImporter

IMPORTERS: dict[str, Importer] = {
    str(importer.kind): importer
    for importer in (PracticumImporter(), WorkforceImporter(), InterventionSurveyImporter(),
                     PopulationProjectionImporter(), GroupingImporter())
}


def get_importer(kind: str) -> Importer:
    """The importer for a kind (a DataImport.Kind value); KeyError for an unknown kind."""
    return IMPORTERS[kind]
