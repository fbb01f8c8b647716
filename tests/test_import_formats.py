"""The format pages: each kind's columns as its importer defines them, the example CSV and the XLSX template."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from indicators.imports.formats import kind_format
from indicators.imports.importers import IMPORTERS
from indicators.imports.importers.practicum.answers import SCALE
from indicators.models import DataImport, WorkforceStat

pytestmark = pytest.mark.django_db
KINDS = sorted(IMPORTERS)


@pytest.mark.parametrize("kind", KINDS)
def test_it_lists_every_column_and_spelling_the_importer_accepts(admin_client, kind):
    """Every name in the importer's aliases() and each of its spellings is on the page, and every column is
    described (meaning, required, type): a column an importer gains without a description fails here."""
    page = admin_client.get(f"/imports/formater/{kind}/").content.decode()
    described = kind_format(kind)
    for name, aliases in IMPORTERS[kind].aliases().items():
        assert f'id="kolonne-{name}"' in page, name
        for alias in aliases:
            assert f"<code>{alias}</code>".replace("'", "&#x27;") in page, (name, alias)
    for column in described.columns:
        assert column.description is not None, f"{kind}: the column {column.name} is not described"
        assert column.description.meaning and column.description.required and column.description.value_type
    assert "Ikke beskrevet endnu." not in page


def test_it_shows_the_scale_answers_and_the_type_identifiers(admin_client):
    practicum = admin_client.get("/imports/formater/practicum-evaluations/").content.decode()
    assert all(f"<code>{answer}</code>" in practicum for answer in SCALE)
    survey = admin_client.get("/imports/formater/intervention-survey/").content.decode()
    assert 'id="kolonne-supervisor-training"' in survey


def test_it_links_the_format_pages_from_the_upload_form(admin_client):
    page = admin_client.get("/imports/").content.decode()
    assert all(f"/imports/formater/{kind}/" in page for kind in KINDS)


def test_it_links_the_format_page_from_the_problem_list(admin_client, import_file):
    record = import_file("workforce", b"aar;kommunekode;paedagoger\r\n2024;999;10\r\n")
    assert record.status == DataImport.Status.REJECTED
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert "/imports/formater/workforce/" in page


@pytest.mark.parametrize("kind", KINDS)
def test_its_example_csv_is_a_file_the_importer_accepts(admin_client, import_file, kind):
    """The example row, downloaded as the page offers it, passes the importer's own checks and is imported."""
    response = admin_client.get(f"/imports/formater/{kind}/eksempel.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    record = import_file(kind, response.content, f"{kind}.csv")
    assert record.status == DataImport.Status.SUCCEEDED, record.problems


def test_the_template_opens_in_openpyxl_with_its_lists_and_number_formats(admin_client):
    """Practicum: the header row is the template's columns; each question column offers the six scale answers;
    the role offers studerende, elev, vejleder; the year column is formatted as a whole number."""
    response = admin_client.get("/imports/formater/practicum-evaluations/skabelon.xlsx")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["år", "kommunekode", "uddannelse", "rolle"]
    assert "vende_tilbage" in headers
    lists = {str(validation.sqref): validation.formula1 for validation in sheet.data_validations.dataValidation
             if validation.type == "list"}
    question = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("vende_tilbage")]
    role = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("rolle")]
    assert lists[f"{question}2:{question}1001"] == '"' + ",".join(SCALE) + '"'
    assert lists[f"{role}2:{role}1001"] == '"studerende,elev,vejleder"'
    assert sheet.column_dimensions["A"].number_format == "0"
    assert book.sheetnames[1] == "Vejledning"


def test_the_workforce_template_checks_whole_numbers_and_a_filled_one_imports(admin_client, import_file):
    """The figures' columns refuse anything but whole numbers >= 0 in Excel; filled with one row (2025,
    Albertslund 165, 412 pedagogues) the template imports, and the figure is stored as 412."""
    content = admin_client.get("/imports/formater/workforce/skabelon.xlsx").content
    book = load_workbook(BytesIO(content))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    whole = [validation for validation in sheet.data_validations.dataValidation if validation.type == "whole"]
    assert len(whole) == 1 and whole[0].formula1 == "0" and whole[0].operator == "greaterThanOrEqual"
    assert "C2:C1001" in str(whole[0].sqref)
    row = dict.fromkeys(headers)
    row.update({"år": 2025, "kommunekode": 165, "paedagoger": 412})
    sheet.append(list(row.values()))
    filled = BytesIO()
    book.save(filled)
    record = import_file("workforce", filled.getvalue(), "skabelon.xlsx")
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert WorkforceStat.objects.get(year=2025, municipality__code=165).paedagoger == 412


def test_an_unknown_kind_is_not_found_and_others_than_admins_are_refused(admin_client, client, editor_a):
    assert admin_client.get("/imports/formater/ukendt/").status_code == 404
    assert admin_client.get("/imports/formater/ukendt/skabelon.xlsx").status_code == 404
    client.force_login(editor_a)
    assert client.get("/imports/formater/workforce/").status_code == 403
    assert client.get("/imports/formater/workforce/eksempel.csv").status_code == 403
