"""From respondents' rows to counts: one integer index per (year, municipality, education, role), counted with
numpy, so a file of hundreds of thousands of rows is counted in a moment. Only the counts are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd

from indicators.models import PracticumQuestion

from ..keyed_content import KeyedContent
from ..kind import Key, Parsed
from .answers import EDUCATIONS, FORMAL, INTERNAL, NO_TRAINING, ROLES


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

def aggregate(year: np.ndarray, municipality: np.ndarray, education: np.ndarray, role: np.ndarray,
              answers: dict[PracticumQuestion, np.ndarray], training: np.ndarray | None) -> PracticumData:
    """Counts per key with numpy: every (year, municipality, education, role) gets one integer index."""
    group, groups = pd.factorize(year * 1_000_000 + municipality)
    group_years, group_municipalities = (groups // 1_000_000).tolist(), (groups % 1_000_000).tolist()
    cell = (group * len(EDUCATIONS) + education) * len(ROLES) + role
    counts: list[tuple] = []
    for question, answer in answers.items():
        counts.extend(_answer_counts(cell, groups, question, answer))
    training_rows = _training_counts(group, groups, education, training) if training is not None else []
    respondents = np.bincount(group, minlength=len(groups))
    roles = Counter(dict(zip((item.value for item in ROLES),
                             np.bincount(role, minlength=len(ROLES)).tolist(), strict=True)))
    return PracticumData(
        counts=counts,
        training=training_rows,
        respondents={(group_years[i], group_municipalities[i]): int(respondents[i]) for i in range(len(groups))},
        roles={name: count for name, count in roles.items() if count},
    )


def _answer_counts(cell: np.ndarray, groups: np.ndarray, question: PracticumQuestion,
                   answer: np.ndarray) -> Iterator[tuple]:
    """One question's rows: (year, municipality, education, role, question, six answer counts) per cell with any."""
    cells = len(groups) * len(EDUCATIONS) * len(ROLES)
    year_of, municipality_of = np.asarray((groups // 1_000_000).tolist()), np.asarray((groups % 1_000_000).tolist())
    education_values = np.array([item.value for item in EDUCATIONS], dtype=object)
    role_values = np.array([item.value for item in ROLES], dtype=object)
    given = answer >= 0
    table = np.bincount(cell[given] * 6 + answer[given], minlength=cells * 6).reshape(cells, 6)
    index = np.flatnonzero(table.sum(axis=1))
    group_index, rest = np.divmod(index, len(EDUCATIONS) * len(ROLES))
    education_index, role_index = np.divmod(rest, len(ROLES))
    return (
        (year_value, municipality_value, education_value, role_value, question_value, *answer_counts)
        for year_value, municipality_value, education_value, role_value, question_value, answer_counts in zip(
            year_of[group_index].tolist(), municipality_of[group_index].tolist(),
            education_values[education_index].tolist(), role_values[role_index].tolist(),
            repeat(question.value), table[index].tolist(), strict=False)
    )


def _training_counts(group: np.ndarray, groups: np.ndarray, education: np.ndarray,
                     training: np.ndarray) -> list[tuple]:
    """Supervisors' training: (year, municipality, education, answered, formal, internal, none) per cell."""
    group_years, group_municipalities = (groups // 1_000_000).tolist(), (groups % 1_000_000).tolist()
    given = training > 0
    place = group[given] * len(EDUCATIONS) + education[given]
    size = len(groups) * len(EDUCATIONS)
    answered = np.bincount(place, minlength=size)
    by_bit = [np.bincount(place, weights=(training[given] & bit) > 0, minlength=size).astype(np.int64)
              for bit in (FORMAL, INTERNAL, NO_TRAINING)]
    rows = []
    for index in np.flatnonzero(answered).tolist():
        group_index, education_index = divmod(index, len(EDUCATIONS))
        rows.append((group_years[group_index], group_municipalities[group_index], EDUCATIONS[education_index].value,
                     int(answered[index]), *(int(column[index]) for column in by_bit)))
    return rows
