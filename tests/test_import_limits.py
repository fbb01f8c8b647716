"""Imports refuse what they cannot hold, say so truly in Danish, and keep the problem list small and free
of respondents' text (issue 14)."""

import json

import pytest

from indicators.models import DataImport, WorkforceStat
from tests.conftest import csv_bytes

pytestmark = pytest.mark.django_db
HEADER = ["år", "kommunekode", "paedagoger", "fratraadte"]


def _problems(record) -> list[str]:
    return [f"{p['row']}|{p['column']}|{p['message']}" for p in record.problems]


# --- 9. Numbers too big for the database are refused in the preview -------------------------------------

def test_a_figure_too_big_for_the_column_is_refused_in_the_preview_with_row_and_column(import_file):
    rows = [["2024", "165", "2147483647", "1"], ["2024", "183", "2147483648", "1"],
            ["2025", "165", "40", "99999999999999999999"]]
    record = import_file("workforce", csv_bytes([HEADER, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert _problems(record) == [
        "3|paedagoger|“2147483648” er for stort; tallet kan højst være 2.147.483.647.",
        "4|fratraadte|“99999999999999999999” er for stort; tallet kan højst være 2.147.483.647.",
    ]
    assert not WorkforceStat.objects.exists()


def test_the_largest_figure_the_column_holds_is_imported(import_file):
    record = import_file("workforce", csv_bytes([HEADER, ["2024", "165", "2147483647", "0"]]))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert WorkforceStat.objects.get().paedagoger == 2147483647


# --- 10. A cell of ten million digits gets a Danish message, not Python's ----------------------------------

@pytest.mark.parametrize("column", [2, 1])
def test_a_ten_million_digit_cell_gets_a_danish_message(import_file, column):
    row = ["2024", "165", "12", "1"]
    row[column] = "7" * 10_000_000
    record = import_file("workforce", csv_bytes([HEADER, row]))
    [problem] = record.problems
    assert record.status == DataImport.Status.REJECTED
    assert problem["row"] == 2 and problem["column"] == HEADER[column]
    assert "limit" not in problem["message"] and "digits" not in problem["message"]
    assert problem["message"].startswith("“7777777777777777777777777777777777777777…” er ")
    assert len(problem["message"]) < 200


# --- 12. Problem lists: short excerpts, a cap per kind, no respondents' text ---------------------------------

def test_a_file_of_huge_cells_leaves_a_small_problem_list(import_file):
    rows = [["2024", "165", "x" * 45_000 + str(n), "1"] for n in range(1000)]
    record = import_file("workforce", csv_bytes([HEADER, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert record.problem_count == 1000
    stored = json.dumps(record.problems)
    assert len(stored) < 20_000
    # The first 50 of the kind in full (with an excerpt of the cell), then how many more.
    assert len(record.problems) == 51
    assert record.problems[0]["message"] == "“xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…” er ikke et tal."
    assert record.problems[-1] == {"row": None, "column": "paedagoger", "more": 950,
                                   "message": "… og 950 flere af samme slags (som ovenfor)."}


def test_the_import_page_says_how_many_more_of_a_kind(client, admin_user, import_file):
    rows = [["2024", "165", f"fejl{n}", "1"] for n in range(120)] + [["1999", "165", "1", "1"]]
    record = import_file("workforce", csv_bytes([HEADER, *rows]))
    client.force_login(admin_user)
    html = client.get(f"/imports/{record.pk}/").content.decode()
    assert "Filen har 121 problemer." in html
    assert "… og 70 flere af samme slags (som ovenfor)." in html
    assert "Årstallet 1999 ligger uden for" in html
    assert "problemer mere" not in html  # every problem is accounted for


def test_a_practicum_files_problems_never_quote_a_respondents_cell(import_file):
    header = ["år", "kommunekode", "uddannelse", "rolle", "anbefale", "vejlederuddannelse"]
    rows = [["2024", "165", "pædagog", "studerende", "Min vejleder Jens Hansen var syg", ""],
            ["2024", "165", "pædagog", "vejleder", "Helt enig", "kursus hos Mette (cpr 010190-1234)"],
            ["2024", "Jens' kommune", "pædagog", "studerende", "Helt enig", ""]]
    record = import_file("practicum-evaluations", csv_bytes([header, *rows]))
    stored = json.dumps(record.problems, ensure_ascii=False)
    assert record.problem_count == 3
    for secret in ("Jens", "Hansen", "Mette", "010190", "syg"):
        assert secret not in stored
    assert [(p["row"], p["column"]) for p in record.problems] == [
        (2, "anbefale"), (3, "vejlederuddannelse"), (4, "kommunekode")]
