"""The practicum evaluations' importer: its columns, the checks of a file, and what it stores and replaces.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import DataImport, PracticumEvaluationCount, PracticumRole, SupervisorTrainingCount

from ..keyed import check_keys
from ..kind import Importer, Key, Parsed, Progress
from ..reading import Table
from ..validation import (
    KEY_ALIASES,
    Columns,
    MunicipalityLookup,
    Problems,
    check_column,
    choice_converter,
    require_values,
)
from ..writing import delete_keys, insert_rows
from .answers import (
    EDUCATION_ALIASES,
    EDUCATIONS,
    QUESTION_ALIASES,
    QUESTIONS,
    ROLE_ALIASES,
    ROLES,
    SCALE,
    SCALE_ALIASES,
    TRAINING,
    TRAINING_HEADERS,
    training_bits,
)
from .counts import PracticumData, aggregate


class PracticumImporter(Importer):
    kind = DataImport.Kind.PRACTICUM_EVALUATIONS
    label = gettext_lazy("Praktikevalueringer")
    quotes_cells = False  # one row per respondent: their answers never reach the problem list

    def aliases(self) -> dict[str, tuple[str, ...]]:
        return {
            **KEY_ALIASES,
            "uddannelse": ("education", "uddannelsesretning"),
            "rolle": ("role", "respondenttype"),
            **{question.value: QUESTION_ALIASES[question] + (str(question.label),) for question in QUESTIONS},
            TRAINING: TRAINING_HEADERS,
        }

    def column_labels(self) -> dict[str, str]:
        return {question.value: str(question.label) for question in QUESTIONS}

    def signature(self) -> set[str]:
        return {"uddannelse", "rolle", TRAINING, *(question.value for question in QUESTIONS)}

    def parse(self, table: Table, columns: Columns, problems: Problems,
              municipalities: MunicipalityLookup) -> PracticumData | None:
        missing = [name for name in ("uddannelse", "rolle") if name not in columns]
        questions = [question for question in QUESTIONS if question.value in columns]
        for name in missing:
            problems.add(_("Filen mangler kolonnen “%(column)s”.") % {"column": name}, 1, name)
        if not questions and TRAINING not in columns:
            problems.add(_("Filen har ingen spørgsmålskolonner (fx “vende_tilbage” eller “Jeg vil anbefale "
                           "praktikstedet til andre”)."), 1)
        if missing or not (questions or TRAINING in columns):
            return None

        year, municipality = check_keys(table, columns, problems, municipalities)
        education = check_column(table, columns, "uddannelse", choice_converter(
            {alias: EDUCATIONS.index(value) for value, aliases in EDUCATION_ALIASES.items()
             for alias in (value.value, *aliases)},
            "pædagog, lærer, sygeplejerske, socialrådgiver, sosu-assistent, sosu-hjælper, pau"), problems)
        require_values(table, columns, "uddannelse", education, problems)
        role = check_column(table, columns, "rolle", choice_converter(
            {alias: ROLES.index(value) for value, aliases in ROLE_ALIASES.items() for alias in (value.value, *aliases)},
            "studerende, elev, vejleder"), problems)
        require_values(table, columns, "rolle", role, problems)
        scale = choice_converter({alias: answer for answer, aliases in SCALE_ALIASES.items() for alias in aliases},
                                 ", ".join(SCALE))
        answers = {question: check_column(table, columns, question.value, scale, problems) for question in questions}
        training = check_column(table, columns, TRAINING, training_bits, problems) if TRAINING in columns else None
        if problems:
            return None

        role_index = role.as_int()
        supervisor = role_index == ROLES.index(PracticumRole.SUPERVISOR)
        if training is not None:
            answered_training = training.as_int() > 0
            wrong = answered_training & ~supervisor
            if wrong.any():
                problems.add_rows(table.row_numbers[wrong], columns.header(TRAINING),
                                  _("Kun vejledere besvarer spørgsmålet om vejlederuddannelse, men rækkens rolle "
                                    "er ikke “vejleder”."))
                return None
        return aggregate(year.as_int(), municipality.as_int(), education.as_int(), role_index,
                          {question: checked.as_int() for question, checked in answers.items()},
                          training.as_int() if training is not None else None)

    def stored_content(self, keys: Iterable[Key], parsed: Parsed) -> dict[Key, Hashable]:
        keys = set(keys)
        content: dict[Key, set[tuple]] = {}
        years = {year for year, _ in keys}
        municipalities = {municipality for _, municipality in keys}
        counts = PracticumEvaluationCount.objects.filter(year__in=years, municipality_id__in=municipalities)
        for year, municipality, *rest in counts.values_list("year", "municipality_id", "education", "role",
                                                            "question", *PracticumEvaluationCount.ANSWER_FIELDS):
            if (year, municipality) in keys:
                content.setdefault((year, municipality), set()).add(("answers", *rest))
        training = SupervisorTrainingCount.objects.filter(year__in=years, municipality_id__in=municipalities)
        for year, municipality, *rest in training.values_list("year", "municipality_id", "education", "answered",
                                                              "formal", "internal_course", "no_training"):
            if (year, municipality) in keys:
                content.setdefault((year, municipality), set()).add(("training", *rest))
        return {key: frozenset(rows) for key, rows in content.items()}

    def write(self, parsed: Parsed, keys: set[Key], data_import: DataImport, progress: Progress) -> int:
        assert isinstance(parsed, PracticumData)
        delete_keys(PracticumEvaluationCount, keys)
        delete_keys(SupervisorTrainingCount, keys)
        counts = [(*row, data_import.pk) for row in parsed.counts if (row[0], row[1]) in keys]
        training = [(*row, data_import.pk) for row in parsed.training if (row[0], row[1]) in keys]
        insert_rows(PracticumEvaluationCount,
                    ["year", "municipality", "education", "role", "question",
                     *PracticumEvaluationCount.ANSWER_FIELDS, "data_import"], counts, progress, 85, 97)
        insert_rows(SupervisorTrainingCount,
                    ["year", "municipality", "education", "answered", "formal", "internal_course", "no_training",
                     "data_import"], training, progress, 97, 99)
        return len(counts) + len(training)
