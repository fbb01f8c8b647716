"""What a checked file will change on the pages, said in users' words for the preview: whose workforce base year
moves, which figures become unknown for the new year (the pages keep the previous year's), which municipalities
switch population projection, how many of the country's municipalities (the national and KKR sums) are touched,
and the first rows as the app read them. Computed once when the file is checked; changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from indicators.models import Education, PopulationProjection, PracticumQuestion, PracticumRole, WorkforceStat
from recruitment.models import Municipality

from .importers.base import Analysis
from .importers.groupings import GroupingData
from .importers.intervention_survey import SurveyData
from .importers.population.importer import ProjectionData
from .importers.practicum import PracticumData
from .importers.practicum.answers import SCALE
from .importers.workforce import WorkforceData

FIRST_ROWS = 5
NAMES_SHOWN = 10  # a sentence names this many municipalities and counts the rest


def effects(analysis: Analysis) -> dict[str, Any]:
    """The preview's effects as JSON: sentences, the affected share of all municipalities, and the first rows."""
    parsed = analysis.parsed
    names = dict(Municipality.objects.values_list("pk", "name"))
    changed = {municipality for (_year, municipality), action in analysis.actions.items() if action != "unchanged"}
    sentences: list[str] = []
    if isinstance(parsed, WorkforceData):
        sentences += _workforce(parsed, names)
    return {"sentences": sentences, "municipalities": len(changed), "all_municipalities": len(names),
            **_first_rows(parsed, names)}


def labelled_first_rows(effects: dict[str, Any] | None) -> list[list[tuple[str, Any]]]:
    """The preview's first rows with each value beside its column's name: on a phone each row is a card of
    name–value lines (app.css, stack-on-phone), for the file's columns would not fit side by side."""
    if not effects:
        return []
    return [list(zip(effects["columns"], row, strict=True)) for row in effects["rows"]]


def _listed(names: list[str]) -> str:
    shown = ", ".join(sorted(names)[:NAMES_SHOWN])
    rest = len(names) - NAMES_SHOWN
    return shown if rest <= 0 else _("%(shown)s og %(rest)d andre") % {"shown": shown, "rest": rest}


def _workforce(parsed: WorkforceData, names: dict[int, str]) -> list[str]:
    """A newer year than a municipality has becomes its base year; a figure the file lacks or leaves blank for
    that year, which the previous year had, is unknown for the new year, and the pages keep the previous one."""
    newest_in_file: dict[int, int] = {}
    for year, municipality in parsed.rows:
        newest_in_file[municipality] = max(year, newest_in_file.get(municipality, year))
    stored = {stat.municipality_id: stat for stat in _newest_stats(set(newest_in_file))}
    moves: dict[tuple[int, int], list[str]] = defaultdict(list)
    unknown: dict[tuple[str, int], list[str]] = defaultdict(list)
    for municipality, year in newest_in_file.items():
        previous = stored.get(municipality)
        if previous is None or previous.year >= year:
            continue
        moves[(previous.year, year)].append(names[municipality])
        values = dict(zip(parsed.figures, parsed.rows[(year, municipality)], strict=True))
        for figure in WorkforceStat.FIGURES:
            if values.get(figure) is None and getattr(previous, figure) is not None:
                label = WorkforceStat.figure_label(figure)
                unknown[(label, previous.year)].append(names[municipality])
    sentences = [_("Personalestatistikkens nyeste år skifter fra %(old)d til %(new)d for %(names)s: dashboardene "
                   "viser %(new)d som basisår.") % {"old": old, "new": new, "names": _listed(found)}
                 for (old, new), found in sorted(moves.items())]
    sentences += [_("“%(figure)s” bliver ukendt for det nye år for %(names)s; siderne bliver ved med at vise tallet "
                    "fra %(year)d og skriver årstallet ved det.") % {"figure": figure, "year": year,
                                                                       "names": _listed(found)}
                  for (figure, year), found in sorted(unknown.items())]
    return sentences


def _newest_stats(municipalities: set[int]) -> list[WorkforceStat]:
    newest = (WorkforceStat.objects.filter(municipality_id__in=municipalities).values("municipality_id")
              .annotate(year=Max("year")).values_list("municipality_id", "year"))
    wanted = set(newest)
    stats = WorkforceStat.objects.filter(municipality_id__in=municipalities, year__in={year for _m, year in wanted})
    return [stat for stat in stats if (stat.municipality_id, stat.year) in wanted]


def _first_rows(parsed: object, names: dict[int, str]) -> dict[str, Any]:
    """The first rows as the app understood them: numbers as plain integers (a file's “4.512” shows as 4512)."""
    year, municipality = _("År"), _("Kommune")
    columns: list[str]
    rows: list[list[Any]]
    if isinstance(parsed, WorkforceData):
        columns = [year, municipality,
                   *(WorkforceStat.figure_label(name) for name in parsed.figures)]
        rows = [[y, names[m], *values] for (y, m), values in list(parsed.rows.items())[:FIRST_ROWS]]
    elif isinstance(parsed, SurveyData):
        columns = [year, municipality, _("Indsatstyper besvaret ja")]
        rows = [[y, names[m], _("%(yes)d af %(types)d") % {"yes": sum(answers), "types": len(answers)}]
                for (y, m), answers in list(parsed.rows.items())[:FIRST_ROWS]]
    elif isinstance(parsed, ProjectionData):
        columns = [year, municipality, _("Fremskrivning"), _("Variant"), _("Børn 0–2 år"), _("Børn 3–5 år")]
        rows = [[y, names[m], vintage, str(PopulationProjection.Variant(variant).label), young, older]
                for (y, m), items in list(parsed.rows.items())[:FIRST_ROWS] for vintage, variant, young, older in items]
        rows = rows[:FIRST_ROWS]
    elif isinstance(parsed, GroupingData):
        columns = [municipality, _("Inddeling"), _("Gruppe")]
        rows = [[names[m], grouping, group] for (_y, m), groups in list(parsed.rows.items())[:FIRST_ROWS]
                for grouping, group in groups.items()][:FIRST_ROWS]
    elif isinstance(parsed, PracticumData):
        # Counts per statement, never a respondent's row.
        columns = [year, municipality, _("Uddannelse"), _("Rolle"), _("Spørgsmål"), *SCALE]
        rows = [[y, names[m], str(Education(education).label), str(PracticumRole(role).label),
                 str(PracticumQuestion(question).label), *answers]
                for y, m, education, role, question, *answers in parsed.counts[:FIRST_ROWS]]
    else:
        return {"columns": [], "rows": []}
    return {"columns": columns, "rows": rows}
