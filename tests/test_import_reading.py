"""Reading import files in the dialects municipalities have them, and refusing what cannot be read."""

import io
import zipfile

import openpyxl
import pytest

from indicators.imports.importers.reading import FileProblem, read_table
from indicators.imports.importers.validation import normalize_label
from tests.conftest import csv_bytes


def _cells(table, position: int) -> list[str]:
    codes, texts = table.column(position)
    return [texts[code] for code in codes]


def _xlsx(rows: list[list[object]], sheets: int = 1) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Data"
    for row in rows:
        workbook.active.append(row)
    for index in range(1, sheets):
        workbook.create_sheet(f"Ark{index}").append(["andet", "ark"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_reads_semicolon_windows_1252_keeping_cells_as_written():
    content = csv_bytes([["år", "kommunekode", "uddannelse"], ["2024", "0165", "pædagog"], ["2024", "183", "lærer"]])
    table = read_table(content, "evalueringer.csv")
    assert table.headers == ["år", "kommunekode", "uddannelse"]
    assert _cells(table, 1) == ["0165", "183"]  # the leading zero is kept
    assert _cells(table, 2) == ["pædagog", "lærer"]
    assert table.description == "CSV, semikolon, Windows-1252"


def test_it_reads_comma_utf8_with_and_without_a_byte_order_mark():
    rows = [["År", "Kommune"], ["2024", "Ishøj"]]
    with_bom = read_table(csv_bytes(rows, ",", "utf-8", bom=True), "a.csv")
    without = read_table(csv_bytes(rows, ",", "utf-8"), "a.csv")
    assert with_bom.headers == without.headers == ["År", "Kommune"]
    assert _cells(with_bom, 1) == _cells(without, 1) == ["Ishøj"]
    assert with_bom.description == "CSV, komma, UTF-8 med BOM"


def test_it_keeps_decimal_commas_and_danish_thousands_as_text():
    table = read_table(csv_bytes([["a", "b"], ["12,5", "1.230"], ["3", "12"]]), "a.csv")
    assert _cells(table, 0) == ["12,5", "3"]
    assert _cells(table, 1) == ["1.230", "12"]


def test_it_reads_a_comma_file_whose_question_headers_hold_commas():
    content = csv_bytes([["år", '"Praktikforløb er noget, man er fælles om"', "rolle"], ["2024", "Helt enig", "x"]],
                        ",", "utf-8")
    table = read_table(content, "a.csv")
    assert table.headers == ["år", "Praktikforløb er noget, man er fælles om", "rolle"]


def test_it_reads_excels_unicode_text_export():
    content = "år\tkommunekode\r\n2024\t0165\r\n".encode("utf-16")
    table = read_table(content, "eksport.txt")
    assert _cells(table, 1) == ["0165"]
    assert table.description == "CSV, tabulator, UTF-16"


def test_it_reads_the_first_sheet_of_an_xlsx_with_numbers_as_text():
    content = _xlsx([["År", "Kommunekode", "Pædagoger"], [2024, "0165", 250], [2025, 183, 12.0]], sheets=2)
    table = read_table(content, "personale.xlsx")
    assert table.headers == ["År", "Kommunekode", "Pædagoger"]
    assert _cells(table, 0) == ["2024", "2025"]
    assert _cells(table, 1) == ["0165", "183"]
    assert _cells(table, 2) == ["250", "12"]


def test_it_drops_empty_rows_but_keeps_the_files_row_numbers():
    content = csv_bytes([["år", "kode"], ["2024", "165"], ["", ""], ["2025", "183"], [" ", ""]]) + b"\r\n"
    table = read_table(content, "a.csv")
    assert list(table.row_numbers) == [2, 4]
    assert _cells(table, 0) == ["2024", "2025"]


def test_it_drops_an_xlsx_sheets_trailing_empty_rows():
    table = read_table(_xlsx([["år", "kode"], [2024, 165], [None, None], [None, None]]), "a.xlsx")
    assert len(table) == 1


def test_an_xlsx_sheet_whose_cells_start_after_a1_keeps_the_files_rows_and_columns():
    # calamine's range starts at the first cell with a value (here C3); rows and columns count from A1.
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row, values in enumerate([["år", "kode"], [2024, 165], [None, None], [2025, 183]], start=1):
        for column, value in enumerate(values, start=2):
            sheet.cell(row=row, column=column, value=value)
    sheet.cell(row=1, column=1, value="navn")
    sheet.cell(row=2, column=1, value=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "a.xlsx")
    assert table.headers == ["navn", "år", "kode"]
    assert list(table.row_numbers) == [2, 4]
    assert _cells(table, 0) == ["", ""]
    assert _cells(table, 1) == ["2024", "2025"]


def test_an_xlsx_whose_first_row_is_empty_has_no_headers():
    workbook = openpyxl.Workbook()
    workbook.active.cell(row=2, column=2, value="år")
    workbook.active.cell(row=3, column=2, value=2024)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileProblem) as problem:
        read_table(buffer.getvalue(), "a.xlsx")
    assert problem.value.message == "Filen har ingen overskrifter i første række."
    assert problem.value.row == 1


def test_an_xlsx_with_the_first_worksheet_after_a_chart_sheet_is_read_from_the_worksheet():
    workbook = openpyxl.Workbook()
    workbook.active.append(["år", "kode"])
    workbook.active.append([2024, 165])
    workbook.create_chartsheet("Diagram", 0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "a.xlsx")
    assert table.headers == ["år", "kode"]
    assert _cells(table, 1) == ["165"]


@pytest.mark.parametrize("content", [b"", b"   \r\n", b"\xef\xbb\xbf"])
def test_it_rejects_an_empty_file(content):
    with pytest.raises(FileProblem, match="Filen er tom"):
        read_table(content, "tom.csv")


def test_it_rejects_a_file_with_only_a_header():
    with pytest.raises(FileProblem, match="ingen datarækker"):
        read_table(csv_bytes([["år", "kommunekode"]]), "a.csv")


def test_it_rejects_a_file_over_the_size_limit(settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    content = csv_bytes([["år", "kode"]] + [["2024", "165"]] * 200_000)
    with pytest.raises(FileProblem) as problem:
        read_table(content, "stor.csv")
    assert problem.value.message == "Filen fylder 1,9 MB; grænsen er 1,0 MB."


def test_it_rejects_a_corrupt_xlsx():
    content = _xlsx([["år"], [2024]])
    with pytest.raises(FileProblem, match="beskadiget"):
        read_table(content[: len(content) // 2], "halv.xlsx")


def test_it_rejects_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(FileProblem, match="beskadiget eller ikke en .xlsx-fil"):
        read_table(buffer.getvalue(), "dokument.xlsx")


def test_it_rejects_an_xlsx_that_unpacks_beyond_the_limit(settings):
    settings.IMPORT_XLSX_MAX_UNPACKED_BYTES = 10 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 100 * 1024  # a small file ...
    with pytest.raises(FileProblem) as problem:  # ... that would unpack to 20 MB
        read_table(content, "bombe.xlsx")
    assert problem.value.message.startswith("Excel-filen fylder 20,0 MB udpakket; grænsen er 10,0 MB.")


def test_it_rejects_a_file_named_xlsx_that_is_not_one():
    with pytest.raises(FileProblem, match="ikke en gyldig Excel-fil"):
        read_table(b"aar;kode\n2024;165\n", "data.xlsx")


def test_it_rejects_the_old_xls_format():
    with pytest.raises(FileProblem, match=r"gamle Excel-format \(\.xls\)"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "gammel.xls")


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    bytes(range(256)) * 16,
])
def test_it_rejects_a_binary_file_with_a_csv_name(content):
    with pytest.raises(FileProblem, match="ikke en tekstfil"):
        read_table(content, "data.csv")


def test_it_rejects_text_in_an_unknown_encoding():
    with pytest.raises(FileProblem, match="hverken UTF-8 eller Windows-1252"):
        read_table("år;kode\n2024;165\n".encode("cp1252") + b"\x81\x8d\n", "a.csv")


def test_it_names_the_row_that_has_too_many_fields():
    content = csv_bytes([["år", "kode"], ["2024", "165"], ["2024", "183", "ekstra"]])
    with pytest.raises(FileProblem) as problem:
        read_table(content, "a.csv")
    assert problem.value.row == 3
    assert "3 felter, men overskriften har 2" in problem.value.message


@pytest.mark.parametrize("header", ["Kommunekode", " KOMMUNEKODE ", "kommune_kode", "Kommune-kode"])
def test_it_compares_headers_in_any_case_and_spacing(header):
    assert normalize_label(header).replace("_", "") == "kommunekode"


@pytest.mark.parametrize(("danish", "ascii"), [("år", "aar"), ("Fratrådte", "fratraadte"), ("Børn 0-2", "boern_0_2"),
                                               ("Lærer", "laerer"), ("Sosu-hjælper", "sosu_hjaelper")])
def test_it_spells_danish_letters_as_ae_oe_aa(danish, ascii):
    assert normalize_label(danish) == ascii
