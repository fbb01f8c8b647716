"""What the workforce projection pages show: a municipality's page with its scenario, the dashboard's panel,
the region's (KKR) and the country's sums, and the CSV contract. One builder per page; each runs a fixed
number of queries, whatever the number of municipalities."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from recruitment.dates import danish_date
from recruitment.models import Municipality, Pathway, Region

from ..charts.base import Chart, Table
from ..charts.projection import projection_chart, sum_chart
from ..models import DataImport, PopulationProjection
from ..projection import PATHWAY_LEVERS, Levers, Projection, YearRow, contributions, project
from ..projection_data import (
    LEVER_FIELDS,
    Assumption,
    Inputs,
    LeverField,
    Scenario,
    assumptions,
    defaults,
    inputs_for,
    inputs_for_all,
    one_decimal,
)

MILESTONES = (2030, 2035)
CSV_COLUMNS = ["year", "children_0_2", "children_3_5", "demand_fte", "supply_persons", "supply_fte", "gap_fte"]
WORKFORCE_KIND = DataImport.Kind.WORKFORCE.label
PROJECTION_KIND = DataImport.Kind.POPULATION_PROJECTION.label


def whole(value: float) -> str:
    return number_format(round(abs(value)), force_grouping=True)


def missing_sentence(inputs: Inputs) -> str:
    """Which import is missing, in words; blank when the projection can be made."""
    name = inputs.municipality.name
    parts = []
    if inputs.stat is None:
        parts.append(_("Der er ingen personalestatistik med antal pædagoger for %(name)s. Importér "
                       "“%(kind)s” for kommunen, så kan fremskrivningen regnes.") % {"name": name,
                                                                                      "kind": WORKFORCE_KIND})
    if not inputs.children:
        parts.append(_("Der er ingen befolkningsfremskrivning for %(name)s. Importér “%(kind)s” (fx fra Danmarks "
                       "Statistik) med børn 0–2 og 3–5 år.") % {"name": name, "kind": PROJECTION_KIND})
    elif inputs.stat is not None and inputs.stat.year not in inputs.children and inputs.base_children is None:
        parts.append(_("Befolkningsfremskrivningen %(vintage)s har ikke året %(year)d, og personalestatistikken for "
                       "%(year)d har ikke antal børn. Importér en fremskrivning, der begynder senest i %(year)d, "
                       "eller børnetal i personalestatistikken.") % {"vintage": inputs.vintage,
                                                                     "year": inputs.stat.year})
    return " ".join(parts)


def gap_sentence(subject: str, years: list[int], gaps: list[float], lead: str) -> str:
    """E.g. "I det centrale scenarie mangler Albertslund ca. 34 pædagoger (årsværk) i 2030 og 51 i 2035"."""
    values = {"lead": lead, "subject": subject, "n": whole(gaps[0]), "year": years[0]}
    if len(years) == 2 and all(gap <= -0.5 for gap in gaps):
        return _("%(lead)s mangler %(subject)s ca. %(n)s pædagoger (årsværk) i %(year)d og %(second)s i "
                 "%(year2)d.") % {**values, "second": whole(gaps[1]), "year2": years[1]}
    if gaps[0] <= -0.5:
        sentence = _("%(lead)s mangler %(subject)s ca. %(n)s pædagoger (årsværk) i %(year)d") % values
    elif gaps[0] >= 0.5:
        sentence = _("%(lead)s har %(subject)s ca. %(n)s pædagoger (årsværk) mere end behovet i %(year)d") % values
    else:
        sentence = _("%(lead)s svarer udbud og behov omtrent til hinanden for %(subject)s i %(year)d") % values
    for gap, year in zip(gaps[1:], years[1:], strict=True):
        later = {"n": whole(gap), "year": year}
        if gap <= -0.5:
            sentence += _(", og i %(year)d mangler der ca. %(n)s") % later
        elif gap >= 0.5:
            sentence += _(", og i %(year)d er der ca. %(n)s mere end behovet") % later
        else:
            sentence += _(", og i %(year)d svarer de omtrent til hinanden") % later
    return sentence + "."


def milestones(projection: Projection) -> list[int]:
    years = [year for year in MILESTONES if projection.row(year) is not None]
    return years or [projection.last_year]


def projection_sentence(name: str, projection: Projection, lead: str | None = None) -> str:
    years = milestones(projection)
    return gap_sentence(name, years, [projection.gap(year) for year in years], lead or _("I det centrale scenarie"))


@dataclass
class InputRow:
    """One figure the projection rests on: its value, source, and whether a default or assumption stood in."""

    label: str
    value: str
    source: str
    default: bool


@dataclass
class LeverRow:
    field: LeverField
    label: str
    help: str
    value: float
    pathway: str


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


def _source_of(data_import: DataImport) -> str:
    when = danish_date(data_import.finished_at or data_import.created_at)
    return _("fil %(file)s, importeret %(when)s") % {"file": data_import.file_name, "when": when}


def _figures(inputs: Inputs, projection: Projection, values: dict[str, Assumption]) -> list[InputRow]:
    stat, resolved = inputs.stat, projection.resolved
    own = _("Kommunens personalestatistik %(year)d (%(source)s)") % {"year": stat.year,
                                                                      "source": _source_of(stat.data_import)}

    def default_source(key: str) -> str:
        item = values[key]
        return _("Landstal, brugt da kommunen ikke har tallet: %(label)s = %(value)s (%(source)s)") % {
            "label": item.note or item.label, "value": item.display(), "source": item.source or _("antagelse")}

    def count(value: float) -> str:
        return number_format(round(value, 1), force_grouping=True)

    def percent(share: float) -> str:
        return f"{number_format(round(share * 100, 1))} %"

    rows = [InputRow(_("Pædagoger (personer), P"), count(resolved.pedagogues), own, False)]
    rows.append(InputRow(_("Pædagoger over 55 år, S"), count(resolved.seniors),
                         default_source("seniors-share") if resolved.seniors_default else own,
                         resolved.seniors_default))
    rows.append(InputRow(_("Andel på under 37 timer, T/P"), percent(resolved.part_time_share),
                         default_source("part-time-share") if resolved.part_time_default else own,
                         resolved.part_time_default))
    rows.append(InputRow(_("Andre fratrædelser om året, q"), percent(resolved.other_leaver_rate),
                         default_source("leaver-rate") if resolved.leaver_rate_default else
                         _("Beregnet: (fratrådte − S/10) / (P − S); %(source)s") % {"source": own},
                         resolved.leaver_rate_default))
    rows.append(InputRow(_("Nyuddannede ansat om året, N"), count(resolved.new_graduates),
                         default_source("graduates-rate") if resolved.new_graduates_default else own,
                         resolved.new_graduates_default))
    share = resolved.pedagogue_share
    rows.append(InputRow(_("Pædagogandel, s = P / (P + assistenter + medhjælpere)"),
                         percent(share) if share is not None else _("ukendt"),
                         own if share is not None else _("Personalestatistikken mangler assistenter eller "
                                                        "medhjælpere; målet for pædagogandel kan ikke bruges."),
                         share is None))
    first = projection.rows[0]
    rows.append(InputRow(
        _("Børn %(year)d (0–2 / 3–5 år)") % {"year": first.year},
        f"{count(first.children_0_2)} / {count(first.children_3_5)}",
        own if resolved.children_from_workforce else _("Befolkningsfremskrivning %(vintage)s, %(variant)s "
                                                       "(%(source)s)") % {"vintage": inputs.vintage,
                                                                        "variant": _variant_label(inputs.variant),
                                                                        "source": inputs.source_import},
        False))
    return rows


def _variant_label(variant: str) -> str:
    return str(PopulationProjection.Variant(variant).label).lower()


LEVER_PATHWAY = {name: slug for slug, names in PATHWAY_LEVERS.items() for name in names}


def _lever_rows(scenario: Scenario, projection: Projection | None, values: dict[str, Assumption]) -> list[LeverRow]:
    rows = []
    for lever in LEVER_FIELDS:
        value = scenario.lever_value(lever)
        if value is None:
            if lever.attribute == "students_from":
                value = projection.base_year + 1 if projection else lever.minimum
            elif lever.attribute == "retirement_years":
                value = values["retirement-years"].value
            elif lever.attribute == "target_share":
                share = projection.resolved.pedagogue_share if projection else None
                value = round(share * 100) if share is not None else lever.minimum
            else:
                value = 0
        rows.append(LeverRow(lever, str(lever.label), str(lever.help), value,
                             LEVER_PATHWAY.get(lever.attribute, "target")))
    return rows


def _table(projection: Projection, parts: dict[str, list[float]], names: dict[str, str]) -> Table:
    columns = [_("År"), _("Børn 0–2 år"), _("Børn 3–5 år"), _("Behov (årsværk)"), _("Pædagoger (personer)"),
               _("Udbud (årsværk)"), _("Forskel (årsværk)")]
    shown = [slug for slug, values in parts.items() if any(abs(value) > 1e-9 for value in values)]
    columns += [_("Heraf %(pathway)s (årsværk)") % {"pathway": names[slug]} for slug in shown]
    rows = [[str(row.year), *_csv_values(row)[1:], *[one_decimal(parts[slug][index]) for slug in shown]]
            for index, row in enumerate(projection.rows)]
    return Table(columns, rows)


def _csv_values(row: YearRow) -> list[object]:
    return [row.year, one_decimal(row.children_0_2), one_decimal(row.children_3_5), one_decimal(row.demand_fte),
            one_decimal(row.pedagogues), one_decimal(row.supply_fte), one_decimal(row.gap_fte)]


def _lever_sentences(projection: Projection, without_levers: Projection, central: Projection,
                     parts: dict[str, list[float]], names: dict[str, str]) -> list[str]:
    year = milestones(projection)[0]
    index = [row.year for row in projection.rows].index(year)
    sentences = []
    for slug, values in parts.items():
        if abs(values[index]) >= 0.05:
            sentences.append(_("%(pathway)s: lukker ca. %(n)s årsværk af manglen i %(year)d.")
                             % {"pathway": names[slug], "n": number_format(round(values[index], 1)), "year": year})
    preset_change = without_levers.rows[index].supply_fte - central.rows[index].supply_fte
    if abs(preset_change) >= 0.05:
        sentences.append(_("Forløbet for afgang ændrer udbuddet med ca. %(n)s årsværk i %(year)d.")
                         % {"n": number_format(round(preset_change, 1)), "year": year})
    demand_change = projection.rows[index].demand_fte - central.rows[index].demand_fte
    if abs(demand_change) >= 0.05:
        sentences.append(_("Målet for pædagogandel ændrer behovet med ca. %(n)s årsværk i %(year)d.")
                         % {"n": number_format(round(demand_change, 1)), "year": year})
    return sentences


def _pathway_names() -> dict[str, str]:
    return dict(Pathway.objects.values_list("slug", "name"))


def _source_import(inputs: Inputs) -> None:
    if inputs.vintage:
        latest = (DataImport.objects.filter(population_projections__municipality=inputs.municipality,
                                            population_projections__vintage=inputs.vintage)
                  .defer("summary", "problems").order_by("-pk").first())
        inputs.source_import = _source_of(latest) if latest else ""


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
        scenario.levers = _without_defaults(scenario.levers, base.year, model_defaults.retirement_years)
        page.query = urlencode(scenario.params())
    if not page.missing and base is not None:
        page.projection = project(base, inputs.children, model_defaults, scenario.levers, inputs.base_children)
        page.central = project(base, inputs.children, model_defaults, Levers(), inputs.base_children)
    page.levers = _lever_rows(scenario, page.projection, values)
    if page.projection is None or page.central is None:
        page.missing = page.missing or _("Fremskrivningen kan ikke regnes: der er ingen børn i basisåret.")
        return page
    _source_import(inputs)
    names = _pathway_names()
    parts = contributions(base, inputs.children, model_defaults, scenario.levers, inputs.base_children)
    page.figures = _figures(inputs, page.projection, values)
    # Without the pathways' levers but with the chosen presets and target share: what the levers add to.
    without_levers = project(base, inputs.children, model_defaults, scenario.levers.only(), inputs.base_children)
    is_central = scenario.levers == Levers() and inputs.variant == PopulationProjection.Variant.CENTRAL
    page.sentence = projection_sentence(municipality.name, page.projection,
                                        None if is_central else _("I det valgte scenarie"))
    if not is_central:
        # The comparison keeps the chosen children's variant (the page has only its numbers).
        lead = None if inputs.variant == PopulationProjection.Variant.CENTRAL else _("Uden håndtag")
        page.central_sentence = projection_sentence(municipality.name, page.central, lead)
        page.lever_sentences = _lever_sentences(page.projection, without_levers, page.central, parts, names)
    description = _("Udbud og behov af pædagoger i årsværk, %(first)d–%(last)d; det skraverede er forskellen.") % {
        "first": page.projection.base_year, "last": page.projection.last_year}
    page.chart = projection_chart("projection", _("Udbud og behov, %(name)s") % {"name": municipality.name},
                                  page.projection, without_levers, parts, names,
                                  _table(page.projection, parts, names), description)
    page.chart.notes = [_("Kilder: kommunens personalestatistik %(year)d og befolkningsfremskrivningen %(vintage)s; "
                          "landstal og antagelser står med kilde under “Tallene bag”.")
                        % {"year": page.projection.base_year, "vintage": inputs.vintage}]
    return page


def _without_defaults(levers: Levers, base_year: int, retirement_years: float) -> Levers:
    """A lever set to its default is no lever: the form sends every field, the URL keeps only real changes."""
    changes: dict[str, object] = {}
    if levers.retirement_years == retirement_years:
        changes["retirement_years"] = None
    if levers.students_from == base_year + 1 or not levers.extra_students:
        changes["students_from"] = None
    return replace(levers, **changes)


def csv_rows(page: ProjectionPage) -> list[list[object]]:
    """The CSV contract: one row per year B … B+10 (see CSV_COLUMNS)."""
    return [_csv_values(row) for row in page.projection.rows] if page.projection else []


# --- The dashboard's panel ------------------------------------------------------------------------------


@dataclass
class Panel:
    municipality: Municipality
    missing: str
    sentence: str = ""
    gaps: list[tuple[int, float]] = field(default_factory=list)  # (year, gap) at the milestones

    @property
    def url(self) -> str:
        return reverse("municipality-projection", args=[self.municipality.code])


def panel(municipality: Municipality) -> Panel:
    """The central scenario's gap in 2030 and 2035, for the municipality dashboard; five queries."""
    values = assumptions()
    inputs = inputs_for(municipality, Scenario())
    result = Panel(municipality, missing_sentence(inputs))
    if result.missing or inputs.base is None:
        return result
    projection = project(inputs.base, inputs.children, defaults(values), base_children=inputs.base_children)
    if projection is None:
        result.missing = _("Fremskrivningen kan ikke regnes: der er ingen børn i basisåret.")
        return result
    result.sentence = projection_sentence(municipality.name, projection)
    result.gaps = [(year, projection.gap(year)) for year in milestones(projection)]
    return result


# --- A region's (KKR) and the country's sums ---------------------------------------------------------------


@dataclass
class MunicipalityGap:
    municipality: Municipality
    base_year: int | None
    gaps: list[float | None]  # at MILESTONES
    missing: str

    @property
    def gap_texts(self) -> list[str]:
        """Whole numbers in Danish format ("–" beyond the projection): 98 rows, formatted once here."""
        return ["–" if gap is None else number_format(round(gap), force_grouping=True) for gap in self.gaps]


@dataclass
class SumPage:
    name: str  # "KKR Hovedstaden" or "hele landet"
    region: Region | None
    total: int  # municipalities in the set
    with_data: int
    vintage: str
    rows: list[tuple[int, float, float, int]]  # (year, supply, demand, municipalities included)
    municipalities: list[MunicipalityGap]
    sentence: str
    chart: Chart | None
    regions: list[Region] = field(default_factory=list)  # for the links between the sum pages

    @property
    def charts(self) -> list[Chart]:
        return [self.chart] if self.chart else []

    @property
    def milestones(self) -> tuple[int, ...]:
        return MILESTONES


def sum_page(region: Region | None) -> SumPage:
    """The central scenario summed over the municipalities with data; five queries whatever their number."""
    municipalities = list(Municipality.objects.select_related("region").order_by("name")
                          .filter(**({"region": region} if region else {})))
    model_defaults = defaults(assumptions())
    by_year: dict[int, list[float]] = {}
    table: list[MunicipalityGap] = []
    all_inputs = inputs_for_all(Scenario(), municipalities, everyone=region is None)
    for inputs in all_inputs:
        missing = missing_sentence(inputs)
        projection = None
        if not missing and inputs.base is not None:
            projection = project(inputs.base, inputs.children, model_defaults, base_children=inputs.base_children)
        if projection is None:
            table.append(MunicipalityGap(inputs.municipality, None, [None] * len(MILESTONES),
                                         missing or _("Ingen børn i basisåret.")))
            continue
        for row in projection.rows:
            totals = by_year.setdefault(row.year, [0.0, 0.0, 0])
            totals[0] += row.supply_fte
            totals[1] += row.demand_fte
            totals[2] += 1
        table.append(MunicipalityGap(inputs.municipality, projection.base_year,
                                     [projection.gap(year) for year in MILESTONES], ""))
    with_data = sum(1 for item in table if item.base_year is not None)
    name = _("KKR %(region)s") % {"region": region.name.removeprefix("Region ")} if region else _("hele landet")
    rows = [(year, supply, demand, count) for year, (supply, demand, count) in sorted(by_year.items())]
    vintage = next((inputs.vintage for inputs in all_inputs if inputs.vintage), "")
    chart = None
    sentence = _("Ingen af kommunerne i %(name)s har både personalestatistik og en befolkningsfremskrivning.") % {
        "name": name}
    if rows:
        sentence = _sum_sentence(name, rows, with_data, len(municipalities))
        columns = [_("År"), _("Udbud (årsværk)"), _("Behov (årsværk)"), _("Forskel (årsværk)"), _("Kommuner med")]
        table_rows = [[str(year), one_decimal(supply), one_decimal(demand), one_decimal(supply - demand), count]
                      for year, supply, demand, count in rows]
        chart = sum_chart("projection-sum", _("Udbud og behov, %(name)s") % {"name": name}, [r[0] for r in rows],
                          [r[1] for r in rows], [r[2] for r in rows], Table(columns, table_rows),
                          _("Summen af kommunernes udbud og behov i årsværk, centralt scenarie."))
    return SumPage(name, region, len(municipalities), with_data, vintage, rows, table, sentence, chart,
                   list(Region.objects.order_by("name")))


def _sum_sentence(name: str, rows: list[tuple[int, float, float, int]], with_data: int, total: int) -> str:
    by_year = {year: supply - demand for year, supply, demand, _count in rows}
    years = [year for year in MILESTONES if year in by_year] or [rows[-1][0]]
    subject = _("de %(n)d af %(total)d kommuner i %(name)s med data tilsammen") % {"n": with_data, "total": total,
                                                                                  "name": name}
    return gap_sentence(subject, years, [by_year[year] for year in years], _("I det centrale scenarie"))


