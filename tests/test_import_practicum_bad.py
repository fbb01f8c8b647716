"""Importing practicum evaluations, bad input: each message names the row and the column, and the database is
unchanged; an analysis changes nothing."""

import pytest
from django.utils import timezone

from indicators.imports.importers import base, get_importer
from indicators.models import DataImport
from tests.conftest import csv_bytes
from tests.practicum_rows import HEADER, KIND, ROWS, snapshot

pytestmark = pytest.mark.django_db


# --- Bad input: the message names the row and the column, and the database is unchanged ----------------

def _rejected(import_file, rows: list[list[str]], header: list[str] = HEADER) -> list[str]:
    import_file(KIND, csv_bytes([HEADER, *ROWS]))
    before = snapshot()
    record = import_file(KIND, csv_bytes([header, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert snapshot() == before
    return [f"row {p['row']}, column {p['column']}: {p['message']}" for p in record.problems]


def test_it_rejects_an_unknown_municipality_code(import_file):
    problems = _rejected(import_file, [ROWS[0], ["2024", "999", "pædagog", "studerende", "Helt enig", "", "", ""]])
    assert problems == ["row 3, column kommunekode: Ukendt kommunekode 999."]


def test_it_rejects_a_year_that_is_not_a_number_or_out_of_range(import_file):
    next_year = timezone.localdate().year + 1
    problems = _rejected(import_file, [["20x4", *ROWS[0][1:]], ["1999", *ROWS[0][1:]], [str(next_year), *ROWS[0][1:]]])
    # A key cell cannot hold a respondent's words: it is quoted, so the admin sees what is wrong.
    assert problems == ["row 2, column år: “20x4” er ikke et årstal.",
                        f"row 3, column år: Årstallet 1999 ligger uden for 2000–{next_year - 1}.",
                        f"row 4, column år: Årstallet {next_year} ligger uden for 2000–{next_year - 1}."]


def test_it_rejects_an_answer_not_on_the_scale(import_file):
    problems = _rejected(import_file, [ROWS[0], [*ROWS[1][:5], "Meget enig", "", ""]])
    # "Meget enig" (10 characters) is a scale word, not a respondent's own text: quoted.
    assert problems == ["row 3, column anbefale: “Meget enig” er ikke et gyldigt svar (mulige: Helt enig, Delvist "
                        "enig, Hverken enig eller uenig, Delvist uenig, Helt uenig, Ved ikke)."]


def test_it_withholds_an_answer_cell_longer_than_twenty_characters(import_file):
    """A 21-character answer could be a respondent's own words: the problem says only its length; 20 characters
    are still quoted."""
    long_answer, short_answer = "Jeg er meget glad her", "Jeg er meget glad he"
    assert (len(long_answer), len(short_answer)) == (21, 20)
    problems = _rejected(import_file, [[*ROWS[0][:5], long_answer, "", ""], [*ROWS[1][:5], short_answer, "", ""]])
    assert problems[0].startswith("row 2, column anbefale: “…” (indholdet vises ikke: 21 tegn) er ikke et gyldigt svar")
    assert long_answer not in problems[0]
    assert problems[1].startswith("row 3, column anbefale: “Jeg er meget glad he” er ikke et gyldigt svar")


def test_it_rejects_an_unknown_education_role_and_training(import_file):
    problems = _rejected(import_file, [
        ["2024", "165", "pilot", "studerende", "", "", "", ""],
        ["2024", "165", "pædagog", "chef", "", "", "", ""],
        ["2024", "165", "pædagog", "vejleder", "", "", "", "kursus på nettet"],
    ])
    assert [problem.split(":")[0] for problem in problems] == [
        "row 2, column uddannelse", "row 3, column rolle", "row 4, column vejlederuddannelse"]


def test_it_rejects_supervisor_training_answered_by_a_student(import_file):
    problems = _rejected(import_file, [[*ROWS[0][:7], "formel"]])
    assert problems == ["row 2, column vejlederuddannelse: Kun vejledere besvarer spørgsmålet om vejlederuddannelse, "
                        "men rækkens rolle er ikke “vejleder”."]


def test_it_rejects_missing_required_columns(import_file):
    header = ["år", "kommunekode", "rolle", "vende_tilbage"]
    problems = _rejected(import_file, [["2024", "165", "studerende", "Helt enig"]], header)
    assert problems == ["row 1, column uddannelse: Filen mangler kolonnen “uddannelse”."]


def test_it_rejects_blank_keys(import_file):
    problems = _rejected(import_file, [["", *ROWS[0][1:]], [*ROWS[0][:2], "", *ROWS[0][3:]]])
    assert problems == ["row 2, column år: Feltet er tomt, men skal udfyldes.",
                        "row 3, column uddannelse: Feltet er tomt, men skal udfyldes."]


def test_it_lists_every_problem_not_just_the_first(import_file):
    rows = [["2024", "999", "pædagog", "studerende", "Helt enig", "", "", ""] for _ in range(30)]
    rows[10][4] = "Nej"
    problems = _rejected(import_file, rows)
    assert len(problems) == 31
    assert "row 12, column vende_tilbage" in " ".join(problems)


def test_it_rejects_a_workforce_file_and_says_which_kind_it_looks_like(import_file):
    header = ["år", "kommunekode", "paedagoger", "paedagoger_over_55"]
    problems = _rejected(import_file, [["2024", "165", "250", "40"]], header)
    assert problems == [
        "row 1, column uddannelse: Filen mangler kolonnen “uddannelse”.",
        "row 1, column rolle: Filen mangler kolonnen “rolle”.",
        "row 1, column None: Filen har ingen spørgsmålskolonner (fx “vende_tilbage” eller “Jeg vil anbefale "
        "praktikstedet til andre”).",
        "row 1, column None: Filen ligner en fil med personalestatistik. Har du valgt den rigtige type?",
    ]


def test_it_rejects_a_column_that_appears_twice(import_file):
    header = [*HEADER[:5], "Jeg vil gerne vende tilbage i fremtidig ansættelse", *HEADER[6:]]
    problems = _rejected(import_file, [ROWS[0]], header)
    assert problems == ["row 1, column Jeg vil gerne vende tilbage i fremtidig ansættelse: Kolonnen står to gange "
                        "(også som kolonne 5: “vende_tilbage”)."]


def test_it_keeps_the_full_count_when_a_broken_file_has_very_many_problems(import_file):
    rows = [["2024", "999", "pædagog", "studerende", "Helt enig", "", "", ""]] * 1500
    record = import_file(KIND, csv_bytes([HEADER, *rows]))
    assert record.problem_count == 1500
    # The first 50 of the kind in full, then one line for the other 1,450 (a bounded problem list).
    assert len(record.problems) == 51
    assert record.problems[-1] == {"row": None, "column": "kommunekode", "more": 1450,
                                   "message": "… og 1.450 flere af samme slags (som ovenfor)."}


def test_it_analyses_without_changing_anything():
    before = snapshot()
    analysis = base.analyse(get_importer(KIND), csv_bytes([HEADER, *ROWS]), "a.csv")
    assert analysis.ok
    assert {key[0] for key in analysis.actions} == {2024}
    assert snapshot() == before
