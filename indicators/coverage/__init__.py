"""Coverage: the central computation (docs/design.md, "Coverage: the central computation").

For a municipality M and pathway P with catalogue types T(P) and EVA shares s(t):
- catalogue coverage = |types of T(P) M runs| / |T(P)|, over the types that have an EVA share,
- EVA expected coverage = mean of s(t) over the same types,
- target-group reach = the target groups of P that at least one active intervention reaches,
- gaps = types of T(P) that M does not run, the most widespread (highest s(t)) first,
- for a set of municipalities, adoption of t = the share of the set that runs t.

An intervention is active when it is running, or also planned where the user asks for plans.

A municipality *reports* when it has registered at least one intervention (any status) or an editor has
confirmed that it runs none of the types (`reporting_ids`, the one home of the rule). Averages and adoption
shares of a set are taken over its reporting municipalities only: one that has registered nothing yet is
unknown, not 0 %, and must not pull an average down as if it ran nothing.

Cost follows the catalogue, not the number of interventions: the database aggregates (one row per
municipality and type at most, and one row of counts per municipality), and what it returns is cached
by the data version (recruitment.data_version), which every write that changes coverage bumps in its
own transaction. A page therefore reads the version (one query) and, until the next such write,
computes nothing else here.

The package: catalogue_benchmarks.py (the catalogue and its benchmarks), facts.py (what the database aggregates, who
reports), of_municipality.py (one municipality), sets.py (sets of municipalities and their averages). Callers
import from `indicators.coverage`.
"""

from .catalogue_benchmarks import Catalogue, CatalogueEntry, load_catalogue
from .facts import (
    ReachFacts,
    TypeFacts,
    reach_facts,
    reach_facts_for_all,
    reporting_ids,
    reporting_municipalities,
    type_fact_rows,
    type_facts,
)
from .of_municipality import (
    GroupReach,
    MunicipalityCoverage,
    PathwayCoverage,
    TypeStatus,
    missing_recommendations,
    municipality_coverage,
)
from .sets import (
    Adoption,
    SetCoverage,
    average_coverage_pct,
    everyones_coverage,
    national_coverage,
    region_of,
    set_coverage,
    with_region_averages,
)

__all__ = [
    "Adoption", "Catalogue", "CatalogueEntry", "GroupReach", "MunicipalityCoverage", "PathwayCoverage", "ReachFacts",
    "SetCoverage", "TypeFacts", "TypeStatus", "average_coverage_pct", "everyones_coverage", "load_catalogue",
    "missing_recommendations", "municipality_coverage", "national_coverage", "reach_facts", "reach_facts_for_all",
    "region_of", "reporting_ids", "reporting_municipalities", "set_coverage", "type_fact_rows", "type_facts",
    "with_region_averages",
]
