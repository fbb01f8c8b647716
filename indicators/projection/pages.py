"""What the workforce projection pages show: a municipality's page with its scenario, the dashboard's panel,
the region's (KKR) and the country's sums, and the CSV contract. One builder per page; each runs a fixed
number of queries, whatever the number of municipalities.

The modules: municipality_page.py (a municipality's page and its CSV), figures.py (the figures it rests on),
levers.py (the scenario's levers), sentences.py (the page's sentences), dashboard.py (the dashboard's panel),
sums.py (the KKR and national sums). Callers import from `indicators.projection.pages`.
"""

from .dashboard import Panel, panel
from .figures import InputRow
from .levers import LeverRow
from .municipality_page import CSV_COLUMNS, ProjectionPage, csv_rows, municipality_projection
from .sentences import MILESTONES, gap_sentence, milestones, missing_sentence, projection_sentence
from .sums import MunicipalityGap, SumPage, area_name, national_page, sum_page

__all__ = [
    "CSV_COLUMNS", "MILESTONES", "InputRow", "LeverRow", "MunicipalityGap", "Panel", "ProjectionPage", "SumPage",
    "area_name", "csv_rows", "gap_sentence", "milestones", "missing_sentence", "municipality_projection", "panel",
    "national_page", "projection_sentence", "sum_page",
]
