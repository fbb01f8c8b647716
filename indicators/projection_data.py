"""The workforce projection's inputs from the database, and the scenario a user chose in the URL.

    assumptions()        the model's assumptions and national defaults, each with its value and source
    Scenario.from_query  levers, presets and changed assumptions from the query string (every setting is
                         in the URL, so a scenario can be linked and printed), with Danish messages for bad values
    inputs_for()         one municipality's base year and children; inputs_for_all() every municipality's

Nothing here computes the projection: indicators/projection.py does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Max, OuterRef, Subquery
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruitment.models import Municipality

from .models import KeyFact, PopulationProjection, ProjectionAssumption, WorkforceStat
from .numbers import round1
from .projection import BaseYear, Defaults, Levers, Preset

# --- Assumptions: what the model takes for granted, each with its source or marked as an assumption ---------


@dataclass(frozen=True)
class Assumption:
    key: str  # the URL parameter that changes it for the session
    label: str
    value: float  # in force (the default, or the user's)
    default: float  # the admin's (or the reference data's)
    minimum: float
    maximum: float
    source: str  # blank: an assumption ("antagelse")
    note: str = ""
    percent: bool = False  # shown and entered as a percentage

    @property
    def changed(self) -> bool:
        return abs(self.value - self.default) > 1e-12

    @property
    def is_assumption(self) -> bool:
        return not self.source

    def display(self, value: float | None = None) -> str:
        value = self.value if value is None else value
        if self.percent:
            return f"{number_format(round(value * 100, 2), decimal_pos=None, force_grouping=True)} %"
        return number_format(round(value, 4), force_grouping=True)

    @property
    def default_display(self) -> str:
        return self.display(self.default)

    @property
    def default_field_value(self) -> str:
        return self.field_value(self.default)

    def field_value(self, value: float | None = None) -> str:
        """The value as the form's number field holds it (percent for shares)."""
        value = self.value if value is None else value
        shown = round(value * 100, 2) if self.percent else round(value, 4)
        return f"{shown:g}"


# The national defaults for missing figures, from the key facts: (key, label, numerator, denominator).
KEY_FACT_SLUGS = ("pedagogues-in-daycare", "pedagogues-over-55", "pedagogues-part-time",
                  "graduates-leave-within-10-years", "students-dropout")


def _fact_source(*facts: KeyFact) -> str:
    first = facts[0]
    return f"{first.source} ({first.year})"


def assumptions() -> dict[str, Assumption]:
    """Every assumption and national default, in the order the page lists them; two queries.

    The admin sets the assumptions (ProjectionAssumption) and the national figures (KeyFact) in the admin;
    the reference data in fixtures/reference/ gives their first values and sources."""
    facts = {fact.slug: fact for fact in KeyFact.objects.filter(slug__in=KEY_FACT_SLUGS)}
    rows = {row.slug: row for row in ProjectionAssumption.objects.all()}
    pedagogues = float(facts["pedagogues-in-daycare"].value)
    result: dict[str, Assumption] = {}

    def fact_share(key: str, label: str, slug: str, note: str) -> None:
        value = float(facts[slug].value) / pedagogues
        result[key] = Assumption(key, label, value, value, 0.0, 1.0, _fact_source(facts[slug]), note, percent=True)

    fact_share("seniors-share", _("Andel af pædagogerne over 55 år, hvor kommunen ikke har tallet"),
               "pedagogues-over-55", _("%(part)s af %(all)s pædagoger i dagtilbud") % {
                   "part": number_format(facts["pedagogues-over-55"].value.normalize(), force_grouping=True),
                   "all": number_format(facts["pedagogues-in-daycare"].value.normalize(), force_grouping=True)})
    fact_share("part-time-share", _("Andel af pædagogerne på under 37 timer, hvor kommunen ikke har tallet"),
               "pedagogues-part-time", _("%(part)s af %(all)s pædagoger i dagtilbud") % {
                   "part": number_format(facts["pedagogues-part-time"].value.normalize(), force_grouping=True),
                   "all": number_format(facts["pedagogues-in-daycare"].value.normalize(), force_grouping=True)})
    leave = facts["graduates-leave-within-10-years"]
    rate = 1 - (1 - float(leave.value) / 100) ** (1 / 10)
    result["leaver-rate"] = Assumption(
        "leaver-rate", _("Andre fratrædelser om året (andel af pædagogerne under 55), hvor kommunen ikke har "
                         "tallet"), rate, rate, 0.0, 0.5, _fact_source(leave),
        _("%(pct)s %% af de nyuddannede har forladt dagtilbud inden for ti år: 1 − 0,5^(1/10)")
        % {"pct": number_format(leave.value.normalize())}, percent=True)
    graduates = rows.get("new-graduates-in-daycare")
    if graduates is not None:
        value = float(graduates.value) / pedagogues
        result["graduates-rate"] = Assumption(
            "graduates-rate", _("Nyuddannede ansat om året pr. pædagog, hvor kommunen ikke har tallet"), value, value,
            0.0, 0.2, graduates.source, _("%(n)s nyuddannede om året af %(all)s pædagoger i dagtilbud") % {
                "n": number_format(graduates.value.normalize(), force_grouping=True),
                "all": number_format(facts["pedagogues-in-daycare"].value.normalize(), force_grouping=True)},
            percent=True)
    dropout = facts["students-dropout"]
    result["dropout"] = Assumption("dropout", _("Studerende der falder fra uddannelsen"), float(dropout.value) / 100,
                                   float(dropout.value) / 100, 0.0, 0.9, _fact_source(dropout), dropout.label,
                                   percent=True)
    for slug, row in rows.items():
        if slug == "new-graduates-in-daycare":
            continue
        result[slug] = Assumption(slug, row.label, float(row.value), float(row.value), float(row.minimum),
                                  float(row.maximum), row.source, row.note)
    return result


def defaults(values: dict[str, Assumption]) -> Defaults:
    def value(key: str) -> float:
        return values[key].value

    return Defaults(
        seniors_share=value("seniors-share"), part_time_share=value("part-time-share"),
        other_leaver_rate=value("leaver-rate"), new_graduates_rate=value("graduates-rate"),
        part_time_fraction=value("part-time-fraction"), retirement_years=value("retirement-years"),
        ageing_years=value("ageing-years"), education_years=round(value("education-years")),
        dropout=value("dropout"), children_per_adult_0_2=value("children-per-adult-0-2"),
        children_per_adult_3_5=value("children-per-adult-3-5"),
        leaver_factors={Preset.LOW: value("leaver-factor-low"), Preset.CENTRAL: 1.0,
                        Preset.HIGH: value("leaver-factor-high")},
    )


# --- The scenario in the URL -------------------------------------------------------------------------


@dataclass(frozen=True)
class LeverField:
    """One lever's URL parameter, its range, and its label and hint on the page."""

    key: str
    attribute: str  # on Levers
    minimum: float
    maximum: float
    step: float
    label: str
    help: str
    percent: bool = False  # entered in percent, stored as a share


LEVER_FIELDS = (
    LeverField("studerende", "extra_students", 0, 100, 1, gettext_lazy("Flere studerende om året"),
               gettext_lazy("fx meritstuderende blandt kommunens egne assistenter; de bliver pædagoger efter "
                            "uddannelsen, minus dem der falder fra")),
    LeverField("studerende_fra", "students_from", 2020, 2040, 1, gettext_lazy("– fra år"),
               gettext_lazy("året de første ekstra studerende begynder")),
    LeverField("nyuddannede", "extra_graduates", 0, 100, 1, gettext_lazy("Flere nyuddannede ansat om året"),
               gettext_lazy("studerende med en god praktik kommer tilbage")),
    LeverField("faerre_fratraedelser", "leaver_reduction", 0, 50, 1, gettext_lazy("Færre andre fratrædelser (%)"),
               gettext_lazy("afgangen blandt pædagoger under 55 sænkes med denne andel"), percent=True),
    LeverField("fuldtid", "to_full_time", 0, 100, 5, gettext_lazy("Deltidsansatte der går op på fuld tid (%)"),
               gettext_lazy("andel af pædagogerne på under 37 timer"), percent=True),
    LeverField("pension_over_aar", "retirement_years", 5, 25, 1, gettext_lazy("Seniorer går på pension over (år)"),
               gettext_lazy("flere år: seniorerne bliver længere")),
    LeverField("maal_paedagogandel", "target_share", 20, 100, 1, gettext_lazy("Mål for pædagogandel (%)"),
               gettext_lazy("tom: dagens andel"), percent=True),
)
PRESETS = {"lav": Preset.LOW, "central": Preset.CENTRAL, "hoej": Preset.HIGH}
VARIANTS = {"lav": PopulationProjection.Variant.LOW, "central": PopulationProjection.Variant.CENTRAL,
            "hoej": PopulationProjection.Variant.HIGH}


@dataclass
class Scenario:
    levers: Levers = field(default_factory=Levers)
    children: str = "central"  # the projection's variant (a VARIANTS key)
    leavers: str = "central"  # the leaver-rate preset (a PRESETS key)
    vintage: str = ""  # blank: the newest imported
    overrides: dict[str, float] = field(default_factory=dict)  # assumption key -> the user's value
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict, values: dict[str, Assumption]) -> Scenario:
        """Reads every setting; a bad value is dropped with a Danish message, keeping the rest."""
        scenario = cls()
        changes: dict[str, object] = {}
        for lever in LEVER_FIELDS:
            number = scenario._number(query, lever.key, lever.minimum, lever.maximum, str(lever.label))
            if number is not None:
                changes[lever.attribute] = round(number) if lever.attribute == "students_from" else (
                    number / 100 if lever.percent else number)
        for key, chosen, options in (("boern", "children", VARIANTS), ("afgang", "leavers", PRESETS)):
            value = query.get(key)
            if value in options:
                setattr(scenario, chosen, value)
            elif value:
                scenario.errors.append(_("“%(value)s” er ikke et forløb; viser det centrale.") % {"value": value[:40]})
        scenario.vintage = query.get("fremskrivning", "")[:100]
        for key, assumption in values.items():
            scale = 100 if assumption.percent else 1
            number = scenario._number(query, key, assumption.minimum * scale, assumption.maximum * scale,
                                      assumption.label)
            if number is not None and abs(number / scale - assumption.default) > 1e-9:
                scenario.overrides[key] = number / scale
        scenario.levers = replace(Levers(**changes), leaver_preset=PRESETS[scenario.leavers])
        return scenario

    def _number(self, query: QueryDict, key: str, minimum: float, maximum: float, label: str) -> float | None:
        text = query.get(key, "").strip().replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            self.errors.append(_("%(label)s: “%(value)s” er ikke et tal og er ikke brugt.")
                               % {"value": text[:40], "label": label})
            return None
        if not minimum <= number <= maximum:
            self.errors.append(_("%(label)s skal ligge mellem %(min)s og %(max)s; %(value)s er ikke brugt.")
                               % {"label": label, "min": _number_text(minimum), "max": _number_text(maximum),
                                  "value": _number_text(number)})
            return None
        return number

    def with_overrides(self, values: dict[str, Assumption]) -> dict[str, Assumption]:
        return {key: replace(item, value=self.overrides.get(key, item.value)) for key, item in values.items()}

    def params(self) -> dict[str, str]:
        """The settings that differ from the central scenario, as URL parameters."""
        params: dict[str, str] = {}
        for lever in LEVER_FIELDS:
            value = getattr(self.levers, lever.attribute)
            if value not in (None, 0, 0.0):
                params[lever.key] = f"{value * 100 if lever.percent else value:g}"
        if self.children != "central":
            params["boern"] = self.children
        if self.leavers != "central":
            params["afgang"] = self.leavers
        if self.vintage:
            params["fremskrivning"] = self.vintage
        for key, value in self.overrides.items():
            params[key] = f"{value:g}"
        return params

    def lever_value(self, lever: LeverField) -> float | None:
        value = getattr(self.levers, lever.attribute)
        if value is None:
            return None
        return value * 100 if lever.percent else value


def _number_text(value: float) -> str:
    return f"{value:g}".replace(".", ",")


# --- One municipality's inputs, and every municipality's -------------------------------------------------


@dataclass
class Inputs:
    """What the projection of one municipality needs from the database, and where it came from."""

    municipality: Municipality
    stat: WorkforceStat | None  # the base year's statistics (None: no pedagogue count imported)
    vintage: str  # the projection used ("" when there is none)
    variant: str
    vintages: list[str]  # every vintage imported for the municipality, newest import first
    variants: list[str]  # the variants the used vintage has
    children: dict[int, tuple[float, float]]
    source_import: str = ""  # the projection's import file

    @property
    def base(self) -> BaseYear | None:
        if self.stat is None:
            return None
        stat = self.stat
        other = None
        if stat.paedagogiske_assistenter is not None and stat.paedagogmedhjaelpere is not None:
            other = stat.paedagogiske_assistenter + stat.paedagogmedhjaelpere
        return BaseYear(stat.year, stat.paedagoger, stat.paedagoger_over_55, stat.paedagoger_under_37_timer,
                        stat.fratraadte, stat.nyuddannede_ansat, other)

    @property
    def base_children(self) -> tuple[float, float] | None:
        stat = self.stat
        if stat is None or stat.boern_0_2 is None or stat.boern_3_5 is None:
            return None
        return (stat.boern_0_2, stat.boern_3_5)


def _latest_stats(municipalities: list[int] | None, with_source: bool = True) -> dict[int, WorkforceStat]:
    """The latest year with a pedagogue count, per municipality (None: every municipality); one query."""
    counted = WorkforceStat.objects.filter(paedagoger__isnull=False)
    latest = counted.filter(municipality=OuterRef("municipality")).order_by("-year").values("year")[:1]
    stats = counted.filter(year=Subquery(latest))
    if municipalities is not None:
        stats = stats.filter(municipality_id__in=municipalities)
    if with_source:
        # The import's file name and date name the source; its preview (summary, problems) is large and unused.
        stats = stats.select_related("data_import").defer("data_import__summary", "data_import__problems")
    return {stat.municipality_id: stat for stat in stats}


PROJECTION_FIELDS = ("vintage", "variant", "year", "municipality_id", "children_0_2", "children_3_5",
                     "data_import_id")


def inputs_for(municipality: Municipality, scenario: Scenario) -> Inputs:
    """One municipality's inputs; three queries."""
    stat = _latest_stats([municipality.pk]).get(municipality.pk)
    rows = list(PopulationProjection.objects.filter(municipality=municipality).values_list(*PROJECTION_FIELDS))
    return _inputs(municipality, stat, rows, scenario, _order_vintages(rows))


def _order_vintages(rows: list[tuple]) -> list[str]:
    newest: dict[str, int] = {}
    for row in rows:
        newest[row[0]] = max(newest.get(row[0], 0), row[-1])
    return sorted(newest, key=lambda vintage: (-newest[vintage], vintage))


def _inputs(municipality: Municipality, stat: WorkforceStat | None, rows: list[tuple], scenario: Scenario,
            vintages: list[str]) -> Inputs:
    vintage = scenario.vintage if scenario.vintage in vintages else (vintages[0] if vintages else "")
    in_vintage = [row for row in rows if row[0] == vintage]
    variants = sorted({row[1] for row in in_vintage}, key=list(VARIANTS.values()).index)
    variant = VARIANTS[scenario.children]
    if variant not in variants:
        variant = PopulationProjection.Variant.CENTRAL if PopulationProjection.Variant.CENTRAL in variants else (
            variants[0] if variants else variant)
    children = {row[2]: (float(row[4]), float(row[5])) for row in in_vintage if row[1] == variant}
    return Inputs(municipality, stat, vintage, str(variant), vintages, [str(v) for v in variants], children)


def inputs_for_all(scenario: Scenario, municipalities: list[Municipality], everyone: bool = False) -> list[Inputs]:
    """Every given municipality's inputs (`everyone`: they are all municipalities), with one vintage for all
    (the wanted one or the newest imported); three queries, reading only that vintage's rows of the chosen
    variant and the main projection."""
    ids = None if everyone else [municipality.pk for municipality in municipalities]
    in_set = {} if everyone else {"municipality_id__in": ids}
    stats = _latest_stats(ids, with_source=False)
    newest = (PopulationProjection.objects.filter(**in_set).values_list("vintage")
              .annotate(latest=Max("data_import_id")))
    vintages = [vintage for vintage, _latest in sorted(newest, key=lambda item: (-item[1], item[0]))]
    chosen = scenario.vintage if scenario.vintage in vintages else (vintages[0] if vintages else "")
    variants = {VARIANTS[scenario.children], PopulationProjection.Variant.CENTRAL}
    rows = PopulationProjection.objects.filter(**in_set, vintage=chosen, variant__in=variants)
    by_municipality: dict[int, list[tuple]] = defaultdict(list)
    for row in rows.values_list(*PROJECTION_FIELDS):
        by_municipality[row[3]].append(row)
    return [_inputs(municipality, stats.get(municipality.pk), by_municipality.get(municipality.pk, []), scenario,
                    [chosen] if by_municipality.get(municipality.pk) else [])
            for municipality in municipalities]


def one_decimal(value: float) -> Decimal:
    """A model number (a float) for a table or the CSV: one decimal by numbers.round1, the one rule."""
    return round1(Decimal(repr(value)))
