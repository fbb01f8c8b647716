"""The intervention mapping survey, the way EVA ran it: one row per municipality and year.

Columns: år, kommunekode (or kommune), then one column per catalogue type, headed by its slug or its
Danish label, answered ja/nej (also 1/0, or x and blank). The answers are a reported snapshot, kept
apart from the interventions HR registers. A file replaces the answers of every (year, municipality)
it contains.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import DataImport, InterventionSurveyAnswer
from interventions.models import InterventionType

from .keyed import rows_by_key
from .kind import Importer, Key, Parsed, Progress
from .reading import Table
from .validation import (
    KEY_ALIASES,
    Columns,
    MunicipalityLookup,
    Problems,
    choice_converter,
)
from .writing import delete_keys, insert_rows

YES = ("ja", "j", "yes", "y", "1", "x", "true", "sand")
NO = ("nej", "n", "no", "0", "false", "falsk")
YES_NO = choice_converter({**dict.fromkeys(YES, True), **dict.fromkeys(NO, False)}, "ja, nej, 1, 0, x eller tom")


@dataclass
class SurveyData(Parsed):
    type_ids: list[int]
    rows: dict[Key, tuple[bool, ...]]  # one answer per type, in the order of type_ids

    def content_by_key(self) -> dict[Key, Hashable]:
        return {key: frozenset(zip(self.type_ids, answers, strict=True)) for key, answers in self.rows.items()}

    def rows_by_key(self) -> dict[Key, int]:
        return dict.fromkeys(self.rows, 1)

    def details(self) -> dict[str, Any]:
        yes = sum(sum(answers) for answers in self.rows.values())
        return {"types": len(self.type_ids), "yes": yes, "answers": len(self.type_ids) * len(self.rows)}


class InterventionSurveyImporter(Importer):
    kind = DataImport.Kind.INTERVENTION_SURVEY
    label = gettext_lazy("Kortlægning af indsatser")

    def aliases(self) -> dict[str, tuple[str, ...]]:
        types = InterventionType.objects.values_list("slug", "label")
        return {**KEY_ALIASES, **{slug: (label,) for slug, label in types}}

    def parse(self, table: Table, columns: Columns, problems: Problems,
              municipalities: MunicipalityLookup) -> SurveyData | None:
        slugs = [name for name in columns.positions if name not in KEY_ALIASES]
        if not slugs:
            problems.add(_("Filen har ingen kolonner for indsatstyper (en kolonne pr. type, med typens kortnavn "
                           "eller betegnelse, fx “supervisor-training”)."), 1)
            return None
        answers = rows_by_key(table, columns, slugs, YES_NO, problems, municipalities)
        if answers is None:
            return None
        ids = dict(InterventionType.objects.filter(slug__in=slugs).values_list("slug", "id"))
        # A blank cell is "no": EVA's sheets mark a yes with an x and leave the rest empty.
        rows = {key: tuple(bool(answer) for answer in row) for key, row in answers.items()}
        return SurveyData(type_ids=[ids[slug] for slug in slugs], rows=rows)

    def stored_content(self, keys: Iterable[Key], parsed: Parsed) -> dict[Key, Hashable]:
        keys = set(keys)
        stored = InterventionSurveyAnswer.objects.filter(
            year__in={year for year, _ in keys}, municipality_id__in={municipality for _, municipality in keys})
        content: dict[Key, set[tuple[int, bool]]] = {}
        for year, municipality, type_id, runs in stored.values_list("year", "municipality_id", "intervention_type_id",
                                                                    "runs"):
            if (year, municipality) in keys:
                content.setdefault((year, municipality), set()).add((type_id, runs))
        return {key: frozenset(answers) for key, answers in content.items()}

    def write(self, parsed: Parsed, keys: set[Key], data_import: DataImport, progress: Progress) -> int:
        assert isinstance(parsed, SurveyData)
        delete_keys(InterventionSurveyAnswer, keys)
        rows = [(year, municipality, type_id, runs, data_import.pk)
                for (year, municipality), answers in sorted(parsed.rows.items()) if (year, municipality) in keys
                for type_id, runs in zip(parsed.type_ids, answers, strict=True)]
        insert_rows(InterventionSurveyAnswer, ["year", "municipality", "intervention_type", "runs", "data_import"],
                    rows, progress)
        return len(rows)
