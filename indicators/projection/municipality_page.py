"""A municipality's projection page (/municipalities/<code>/projection/) and its CSV contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from recruitment.models import Municipality, Pathway

from ..charts.base import Cell, Chart, Table
from ..models import DataImport, PopulationProjection
from ..projection import (
    Assumption,
    Inputs,
    Levers,
    Projection,
    Scenario,
    YearRow,
    assumptions,
    contributions,
    defaults,
    inputs_for,
    one_decimal,
    project,
)
from .charts import projection_chart
from .figures import InputRow, input_rows, source_of
from .levers import LeverRow, lever_rows, lever_sentences, without_defaults
from .sentences import missing_sentence, projection_sentence

CSV_COLUMNS = ["year", "children_0_2", "children_3_5", "demand_fte", "supply_persons", "supply_fte", "gap_fte"]
WORKFORCE_KIND = DataImport.Kind.WORKFORCE.label
PROJECTION_KIND = DataImport.Kind.POPULATION_PROJECTION.label

@dataclass
class ProjectionPage:
    municipality: Municipality
    scenario: Scenario
    inputs: Inputs
    assumptions: list[Assumption]
    missing: str
    projection: Projection | None = None
    central: Projection | None = None
    sentence: str = ""
    central_sentence: str = ""
    lever_sentences: list[str] = field(default_factory=list)
    figures: list[InputRow] = field(default_factory=list)
    levers: list[LeverRow] = field(default_factory=list)
    chart: Chart | None = None
    query: str = ""  # the scenario's URL parameters, for links and the CSV

    @property
    def charts(self) -> list[Chart]:
        return [self.chart] if self.chart else []

    @property
    def variant_label(self) -> str:
        return str(PopulationProjection.Variant(self.inputs.variant).label) if self.inputs.variant else ""

    @property
    def has_variants(self) -> bool:
        return len(self.inputs.variants) > 1


def _table(projection: Projection, parts: dict[str, list[float]], names: dict[str, str]) -> Table:
    columns = [_("År"), _("Børn 0–2 år"), _("Børn 3–5 år"), _("Behov (årsværk)"), _("Pædagoger (personer)"),
               _("Udbud (årsværk)"), _("Forskel (årsværk)")]
    shown = [slug for slug, values in parts.items() if any(abs(value) > 1e-9 for value in values)]
    columns += [_("Heraf %(pathway)s (årsværk)") % {"pathway": names[slug]} for slug in shown]
    rows = [[str(row.year), *_csv_values(row)[1:], *[one_decimal(parts[slug][index]) for slug in shown]]
            for index, row in enumerate(projection.rows)]
    return Table(columns, rows)


def _csv_values(row: YearRow) -> list[Cell]:
    return [row.year, one_decimal(row.children_0_2), one_decimal(row.children_3_5), one_decimal(row.demand_fte),
            one_decimal(row.pedagogues), one_decimal(row.supply_fte), one_decimal(row.gap_fte)]


def _pathway_names() -> dict[str, str]:
    return dict(Pathway.objects.values_list("slug", "name"))


def _source_import(inputs: Inputs) -> None:
    if inputs.vintage:
        latest = (DataImport.objects.filter(population_projections__municipality=inputs.municipality,
                                            population_projections__vintage=inputs.vintage)
                  .defer("summary", "problems").order_by("-pk").first())
        inputs.source_import = source_of(latest) if latest else ""


def municipality_projection(municipality: Municipality, query: QueryDict) -> ProjectionPage:
    """The page /municipalities/<code>/projection/ for the scenario in the query string."""
    base_values = assumptions()
    scenario = Scenario.from_query(query, base_values)
    values = scenario.with_overrides(base_values)
    inputs = inputs_for(municipality, scenario)
    page = ProjectionPage(municipality, scenario, inputs, list(values.values()), missing_sentence(inputs),
                          query=urlencode(scenario.params()))
    base = inputs.base
    model_defaults = defaults(values)
    if base is not None:
        scenario.levers = without_defaults(scenario.levers, base.year, model_defaults.retirement_years)
        page.query = urlencode(scenario.params())
    if not page.missing and base is not None:
        page.projection = project(base, inputs.children, model_defaults, scenario.levers, inputs.base_children)
        page.central = project(base, inputs.children, model_defaults, Levers(), inputs.base_children)
    page.levers = lever_rows(scenario, page.projection, values)
    projection, central = page.projection, page.central
    if projection is None or central is None or base is None:
        page.missing = page.missing or _("Fremskrivningen kan ikke regnes: der er ingen børn i basisåret.")
        return page
    _source_import(inputs)
    names = _pathway_names()
    parts = contributions(base, inputs.children, model_defaults, scenario.levers, inputs.base_children)
    page.figures = input_rows(inputs, projection, values)
    # Without the pathways' levers but with the chosen presets and target share: what the levers add to.
    without_levers = project(base, inputs.children, model_defaults, scenario.levers.only(), inputs.base_children)
    assert without_levers is not None, "the inputs the projection was made from"
    is_central = scenario.levers == Levers() and inputs.variant == PopulationProjection.Variant.CENTRAL
    page.sentence = projection_sentence(municipality.name, projection,
                                        None if is_central else _("I det valgte scenarie"))
    if not is_central:
        # The comparison keeps the chosen children's variant (the page has only its numbers).
        lead = None if inputs.variant == PopulationProjection.Variant.CENTRAL else _("Uden håndtag")
        page.central_sentence = projection_sentence(municipality.name, central, lead)
        page.lever_sentences = lever_sentences(projection, without_levers, central, parts, names)
    description = _("Udbud og behov af pædagoger i årsværk, %(first)d–%(last)d; det skraverede er forskellen.") % {
        "first": projection.base_year, "last": projection.last_year}
    page.chart = projection_chart("projection", _("Udbud og behov, %(name)s") % {"name": municipality.name},
                                  projection, without_levers, parts, names,
                                  _table(projection, parts, names), description)
    page.chart.notes = [_("Kilder: kommunens personalestatistik %(year)d og befolkningsfremskrivningen %(vintage)s; "
                          "landstal og antagelser står med kilde under “Tallene bag”.")
                        % {"year": projection.base_year, "vintage": inputs.vintage}]
    return page


def csv_rows(page: ProjectionPage) -> list[list[Cell]]:
    """The CSV contract: one row per year B … B+10 (see CSV_COLUMNS)."""
    return [_csv_values(row) for row in page.projection.rows] if page.projection else []
