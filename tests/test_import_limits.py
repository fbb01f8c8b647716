"""Imports refuse what they cannot hold, say so truly in Danish, and keep the problem list small and free
of respondents' text."""

import io
import json

import openpyxl
import pytest

from indicators.imports.importers.reading import FileProblem, read_table, xlsx_file
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


# --- 10. True messages for files that are not what they seem -----------------------------------------------

def _read_problem(content: bytes, name: str = "fil.csv") -> FileProblem:
    with pytest.raises(FileProblem) as raised:
        read_table(content, name)
    return raised.value


def test_a_header_longer_than_the_sample_is_read_not_called_empty():
    header = ";".join(["år", "kommunekode", "paedagoger"] + [f"ekstra_kolonne_{n}_{'x' * 500}" for n in range(150)])
    assert len(header.encode()) > 64 * 1024
    table = read_table(csv_bytes([header.split(";"), ["2024", "165", "12"] + [""] * 150], encoding="utf-8"), "a.csv")
    assert table.headers[:3] == ["år", "kommunekode", "paedagoger"] and len(table) == 1


def test_a_ten_megabyte_line_is_not_called_empty():
    problem = _read_problem(b"a;" * 5_000_000)
    assert "Filen er tom" not in problem.message
    assert problem.message.startswith("Filens første række er over 1,0 MB lang uden linjeskift")


def test_utf8_then_shift_jis_says_which_row_mixes_encodings():
    content = "år;kommunekode;paedagoger\n2024;165;12\n".encode() + "2025;183;東京\n".encode("shift_jis")
    problem = _read_problem(content)
    assert problem.row == 3
    assert problem.message.startswith("Filen er gemt i UTF-8, men række 3 indeholder tegn i et andet tegnsæt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_as_text(encoding):
    content = "år\tkommunekode\tpædagoger\r\n2024\t0165\t12\r\n".encode(encoding)
    table = read_table(content, "unicode-tekst.txt")
    assert table.headers == ["år", "kommunekode", "pædagoger"]
    assert table.description == "CSV, tabulator, UTF-16"


def test_a_binary_file_is_still_called_binary():
    assert "binær" in _read_problem(bytes(range(256)) * 100).message


# --- 13. Limits on columns and cells, before the file is read into memory ------------------------------------

def test_a_csv_with_thirty_one_thousand_columns_is_refused_early():
    header = ";".join(f"k{n}" for n in range(31_000))
    problem = _read_problem((header + "\n" + ";".join("1" for _ in range(31_000)) + "\n").encode())
    assert problem.message == "Filen har 31.000 kolonner; grænsen er 200. Er det den rigtige fil?"


def test_a_csv_with_too_many_cells_is_refused_early(settings):
    settings.IMPORT_MAX_CELLS = 1000
    problem = _read_problem(("a;b;c;d\n" + "1;2;3;4\n" * 300).encode())
    assert problem.message == ("Filen har omkring 1.204 celler (301 rækker × 4 kolonner); grænsen er 1.000. "
                               "Del filen op, og importér delene hver for sig.")


def _xlsx(rows: int, columns: int) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([f"k{n}" for n in range(columns)])
    for row in range(rows):
        sheet.append([row] * columns)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_spreadsheet_with_too_many_cells_is_refused_before_its_cells_are_converted(settings, monkeypatch):
    settings.IMPORT_XLSX_MAX_CELLS = 10_000
    converted = []
    monkeypatch.setattr(xlsx_file, "_categories", lambda rows: converted.append(rows))
    problem = _read_problem(_xlsx(5_000, 4), "stor.xlsx")
    # The header and 5,000 rows of 4 columns: the whole sheet's size, known before any cell becomes Python.
    assert problem.message == ("Filen har omkring 20.004 celler (5.001 rækker × 4 kolonner); grænsen er 10.000. "
                               "Del filen op, og importér delene hver for sig.")
    assert converted == []


def test_a_spreadsheet_has_a_lower_cell_limit_than_a_csv(settings):
    # All of a spreadsheet's values are unpacked before they are checked; a CSV is read a chunk at a time.
    settings.IMPORT_MAX_CELLS, settings.IMPORT_XLSX_MAX_CELLS = 30_000, 10_000
    assert len(read_table(("a;b;c;d\n" + "1;2;3;4\n" * 5_000).encode(), "stor.csv")) == 5_000
    assert _read_problem(_xlsx(5_000, 4), "stor.xlsx").message.endswith("grænsen er 10.000. Del filen op, og "
                                                                         "importér delene hver for sig.")


def test_the_spreadsheet_cell_limit_is_half_the_csv_limit():
    from django.conf import settings

    assert (settings.IMPORT_XLSX_MAX_CELLS, settings.IMPORT_MAX_CELLS) == (3_000_000, 6_000_000)


def test_a_spreadsheet_too_wide_is_refused():
    assert _read_problem(_xlsx(2, 250), "bred.xlsx").message == (
        "Filen har 250 kolonner; grænsen er 200. Er det den rigtige fil?")


def test_a_spreadsheet_within_the_limits_is_read_in_chunks(settings):
    table = read_table(_xlsx(60_000, 3), "lang.xlsx")
    assert len(table) == 60_000 and table.headers == ["k0", "k1", "k2"]
    codes, texts = table.column(0)
    assert texts[codes[59_999]] == "59999"


def test_progress_is_reported_while_a_file_is_read():
    heard = []
    content = ("a;b\n" + "1;2\n" * 200_000).encode()
    read_table(content, "a.csv", heard.append)
    assert len(heard) >= 4 and heard == sorted(heard) and heard[-1] <= 99
