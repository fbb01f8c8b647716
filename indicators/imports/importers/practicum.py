"""Practicum evaluations: one row per completed evaluation, as a survey tool such as SurveyXact exports it.

Columns: år, kommunekode (or kommune), uddannelse, rolle, then any of the question columns (by slug or
by the full Danish question text) answered on the agreement scale, and vejlederuddannelse for
supervisors (formel, internt kursus, ingen; a supervisor may name more than one). Only counts per
year, municipality, education, role, question and answer are stored, never a respondent's row. A file
replaces the counts of every (year, municipality) it contains and leaves all others as they were.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import (
    DataImport,
    Education,
    PracticumEvaluationCount,
    PracticumQuestion,
    PracticumRole,
    SupervisorTrainingCount,
)

from .base import Importer, Key, Parsed, Progress, delete_keys, insert_rows
from .keyed import check_keys
from .keyed_content import KeyedContent
from .reading import Table
from .validation import (
    KEY_ALIASES,
    Columns,
    MunicipalityLookup,
    Problems,
    check_column,
    choice_converter,
    compact,
    require_values,
)

EDUCATIONS = list(Education)
ROLES = list(PracticumRole)
QUESTIONS = list(PracticumQuestion)

EDUCATION_ALIASES = {
    Education.PAEDAGOG: ("pædagog", "pædagoger", "pædagoguddannelsen", "pædagogstuderende"),
    Education.LAERER: ("lærer", "lærere", "læreruddannelsen", "lærerstuderende"),
    Education.SYGEPLEJERSKE: ("sygeplejerske", "sygeplejersker", "sygeplejerskeuddannelsen",
                              "sygeplejerskestuderende"),
    Education.SOCIALRAADGIVER: ("socialrådgiver", "socialrådgivere", "socialrådgiveruddannelsen"),
    Education.SOSU_ASSISTENT: ("sosu-assistent", "social- og sundhedsassistent", "SSA"),
    Education.SOSU_HJAELPER: ("sosu-hjælper", "social- og sundhedshjælper", "SSH"),
    Education.PAU: ("pau", "pædagogisk assistent", "pædagogisk assistentuddannelse"),
}
ROLE_ALIASES = {
    PracticumRole.STUDENT: ("studerende", "student"),
    PracticumRole.APPRENTICE: ("elev", "elever"),
    PracticumRole.SUPERVISOR: ("vejleder", "vejledere", "praktikvejleder", "oplæringsvejleder"),
}
# The agreement scale, in the order of PracticumEvaluationCount.ANSWER_FIELDS.
SCALE = ("Helt enig", "Delvist enig", "Hverken enig eller uenig", "Delvist uenig", "Helt uenig", "Ved ikke")
SCALE_ALIASES = {
    0: ("helt enig",),
    1: ("delvist enig", "delvis enig"),
    2: ("hverken enig eller uenig", "hverken eller", "hverken/eller", "hverken enig el. uenig"),
    3: ("delvist uenig", "delvis uenig"),
    4: ("helt uenig",),
    5: ("ved ikke", "ved ikke/ikke relevant"),
}
QUESTION_ALIASES = {
    PracticumQuestion.RETURN: ("Jeg vil gerne vende tilbage i fremtidig ansættelse",),
    PracticumQuestion.RECOMMEND: ("Jeg vil anbefale praktikstedet til andre",),
    PracticumQuestion.UNDERSTANDING: ("Praktikstedet har øget min forståelse for fagområdet",
                                      "Praktikstedet har øget min forståelse for mit arbejdsområde"),
    PracticumQuestion.CHALLENGING_TASKS: ("Fagligt udfordrende opgaver kendetegnede mit praktikforløb",),
    PracticumQuestion.LACKED_TASKS: ("Jeg manglede arbejdsopgaver i mit praktikforløb", "Jeg manglede arbejdsopgaver"),
    PracticumQuestion.USE_LEARNING: ("Jeg kunne bruge det lærte på uddannelsesinstitutionen i praktikken",
                                     "Jeg kunne bruge det lærte"),
    PracticumQuestion.SUPPORT_TO_APPLY: ("Jeg fik støtte til at anvende det lærte",),
    PracticumQuestion.SHARED_TASK: ("Praktikforløb er noget, man er fælles om på arbejdspladsen",),
    PracticumQuestion.SUPERVISOR_KNOWLEDGE: ("Jeg havde tilstrækkeligt kendskab til uddannelsesforløbene",),
}
TRAINING = "vejlederuddannelse"
TRAINING_HEADERS = ("uddannelse i vejledning", "vejleders uddannelse", "Hvilken uddannelse har du i vejledning")
# Supervisors' training as bits, so "formel, internt kursus" is one value.
FORMAL, INTERNAL, NO_TRAINING = 1, 2, 4
TRAINING_ALIASES = {
    FORMAL: ("formel", "formel uddannelse", "formel uddannelse i vejledning", "diplommodul"),
    INTERNAL: ("internt kursus", "internt", "intern", "internt kursus i vejledning"),
    NO_TRAINING: ("ingen", "ingen uddannelse", "ingen uddannelse i vejledning"),
}
TRAINING_SEPARATORS = (";", ",", "/", "+", "|", " og ")


def _training(text: str) -> int:
    lookup = {compact(alias): bit for bit, aliases in TRAINING_ALIASES.items() for alias in aliases}
    parts = [text]
    for separator in TRAINING_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    bits = 0
    for part in (part.strip() for part in parts):
        if not part:
            continue
        if compact(part) not in lookup:
            raise ValueError(_("“%(value)s” er ikke et gyldigt svar (mulige: formel, internt kursus, ingen; "
                               "flere adskilt af komma).") % {"value": part})
        bits |= lookup[compact(part)]
    if bits & NO_TRAINING and bits != NO_TRAINING:
        raise ValueError(_("“ingen” kan ikke kombineres med andre svar (“%(value)s”).") % {"value": text})
    return bits


@dataclass
class PracticumData(Parsed):
    counts: list[tuple]  # (year, municipality, education, role, question, six answer counts)
    training: list[tuple]  # (year, municipality, education, answered, formal, internal, none)
    respondents: dict[Key, int]
    roles: dict[str, int]

    def content_by_key(self) -> Mapping[Key, Hashable]:
        # Built only if compared: a first import of its years compares nothing (a tenth of its time).
        return KeyedContent(self.respondents, lambda: self._content)

    @cached_property
    def _content(self) -> dict[Key, Hashable]:
        # Cached: the preview compares, and the import compares again inside its transaction.
        content: dict[Key, set[tuple]] = {key: set() for key in self.respondents}
        for year, municipality, *rest in self.counts:
            content[(year, municipality)].add(("answers", *rest))
        for year, municipality, *rest in self.training:
            content[(year, municipality)].add(("training", *rest))
        return {key: frozenset(rows) for key, rows in content.items()}

    def rows_by_key(self) -> dict[Key, int]:
        return self.respondents

    def details(self) -> dict[str, Any]:
        return {"respondents_by_role": [{"role": str(role.label), "count": self.roles[role.value]}
                                        for role in ROLES if role.value in self.roles]}


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
        training = check_column(table, columns, TRAINING, _training, problems) if TRAINING in columns else None
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
        return _aggregate(year.as_int(), municipality.as_int(), education.as_int(), role_index,
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


def _aggregate(year: np.ndarray, municipality: np.ndarray, education: np.ndarray, role: np.ndarray,
               answers: dict[PracticumQuestion, np.ndarray], training: np.ndarray | None) -> PracticumData:
    """Counts per key with numpy: every (year, municipality, education, role) gets one integer index."""
    group, groups = pd.factorize(year * 1_000_000 + municipality)
    group_years, group_municipalities = (groups // 1_000_000).tolist(), (groups % 1_000_000).tolist()
    cell = (group * len(EDUCATIONS) + education) * len(ROLES) + role
    cells = len(groups) * len(EDUCATIONS) * len(ROLES)

    year_of, municipality_of = np.asarray(group_years), np.asarray(group_municipalities)
    education_values = np.array([item.value for item in EDUCATIONS], dtype=object)
    role_values = np.array([item.value for item in ROLES], dtype=object)

    counts: list[tuple] = []
    for question, answer in answers.items():
        given = answer >= 0
        table = np.bincount(cell[given] * 6 + answer[given], minlength=cells * 6).reshape(cells, 6)
        index = np.flatnonzero(table.sum(axis=1))
        group_index, rest = np.divmod(index, len(EDUCATIONS) * len(ROLES))
        education_index, role_index = np.divmod(rest, len(ROLES))
        counts.extend(
            (year_value, municipality_value, education_value, role_value, question_value, *answer_counts)
            for year_value, municipality_value, education_value, role_value, question_value, answer_counts in zip(
                year_of[group_index].tolist(), municipality_of[group_index].tolist(),
                education_values[education_index].tolist(), role_values[role_index].tolist(),
                repeat(question.value), table[index].tolist(), strict=False)
        )

    training_rows: list[tuple] = []
    if training is not None:
        given = training > 0
        place = group[given] * len(EDUCATIONS) + education[given]
        size = len(groups) * len(EDUCATIONS)
        answered = np.bincount(place, minlength=size)
        by_bit = [np.bincount(place, weights=(training[given] & bit) > 0, minlength=size).astype(np.int64)
                  for bit in (FORMAL, INTERNAL, NO_TRAINING)]
        for index in np.flatnonzero(answered).tolist():
            group_index, education_index = divmod(index, len(EDUCATIONS))
            training_rows.append((group_years[group_index], group_municipalities[group_index],
                                  EDUCATIONS[education_index].value, int(answered[index]),
                                  *(int(column[index]) for column in by_bit)))

    respondents = np.bincount(group, minlength=len(groups))
    roles = Counter(dict(zip((item.value for item in ROLES),
                             np.bincount(role, minlength=len(ROLES)).tolist(), strict=True)))
    return PracticumData(
        counts=counts,
        training=training_rows,
        respondents={(group_years[i], group_municipalities[i]): int(respondents[i]) for i in range(len(groups))},
        roles={name: count for name, count in roles.items() if count},
    )
