"""The workforce projection: will there be enough pedagogues?

    model.py              the pure model (no database): project() from a base year, the children and the defaults
    base_year.py          what it starts from: BaseYear, Defaults, and resolve() with the hires rule (HiresRule)
    pathways.py           contributions(): what each pathway's levers add to the supply
    model_assumptions.py  assumptions(): the model's assumptions and national defaults, each with its value and
                          source
    scenario.py           Scenario.from_query: levers, presets and changed assumptions from the query string
                          (every setting is in the URL, so a scenario can be linked and printed), with Danish
                          messages
    inputs.py             inputs_for(): one municipality's base year, earlier counts and children;
                          inputs_for_all() every municipality's; choose_vintage(): which population projection
    vintage_effect.py     what a population-projection import changes (who switches vintage, who loses years)
    forecasts.py          the published forecasts set beside ours (fixtures/reference/forecasts.csv)
    backcast.py           the model run from an earlier year of the statistics, beside what they observed

The pages, in the same package: pages.py re-exports their builders (municipality_page.py, figures.py, levers.py,
sentences.py, dashboard.py, sums.py), charts.py draws them, views.py and urls.py serve them. Callers import the
model from `indicators.projection` (vintage_effect, forecasts and backcast from their modules) and the pages
from `indicators.projection.pages`.
"""

from .inputs import Inputs, inputs_for, inputs_for_all, one_decimal
from .model import (
    HORIZON,
    BaseYear,
    Defaults,
    HiresRule,
    Levers,
    Preset,
    Projection,
    Resolved,
    YearRow,
    fte,
    need,
    project,
    resolve,
)
from .model_assumptions import Assumption, assumptions, defaults
from .pathways import PATHWAY_LEVERS, contributions
from .scenario import LEVER_FIELDS, PRESETS, VARIANTS, LeverField, Scenario

__all__ = [
    "HORIZON", "LEVER_FIELDS", "PATHWAY_LEVERS", "PRESETS", "VARIANTS", "Assumption", "BaseYear", "Defaults",
    "HiresRule", "Inputs", "LeverField", "Levers", "Preset", "Projection", "Resolved", "Scenario", "YearRow",
    "assumptions", "contributions", "defaults", "fte", "inputs_for", "inputs_for_all", "need", "one_decimal", "project",
    "resolve",
]
