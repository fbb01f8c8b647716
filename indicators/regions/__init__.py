"""The KKR view: a region's municipalities side by side (/regions/<slug>/).

The package: completeness.py (who reports, when each last changed its interventions, what is missing),
table.py (one row per municipality with the region's and the country's rows; sorting; the table the downloads,
slides and API use), learning.py (who to learn from per intervention type, the shared interventions, the
contacts), page.py (the page's builder), slides.py (the KKR meeting's deck; deck_parts.py its pieces), views.py
and urls.py. Callers import from `indicators.regions`.
"""

from .completeness import Completeness, MunicipalityStatus, completeness
from .learning import Learning, Runner, TypeRunners, who_to_learn_from
from .page import DEFAULT_SORT, RegionPage, region_page, sort_choice
from .table import PathwayCell, RegionRow

__all__ = [
    "DEFAULT_SORT", "Completeness", "Learning", "MunicipalityStatus", "PathwayCell", "RegionPage", "RegionRow",
    "Runner", "TypeRunners", "completeness", "region_page", "sort_choice", "who_to_learn_from",
]
