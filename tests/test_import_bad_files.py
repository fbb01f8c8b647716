"""Files that cannot be read at all: a clear Danish message, and the database exactly as before."""

import io
import zipfile

import pytest

from indicators.models import DataImport, PracticumEvaluationCount
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db
KIND = "practicum-evaluations"


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (2 * 1024 * 1024))
    return buffer.getvalue()


def _workbook_bytes() -> bytes:
    return (SAMPLES / "workforce.xlsx").read_bytes()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("tom.csv", lambda: b"", "Filen er tom."),
    ("kun-overskrift.csv", lambda: csv_bytes([["år", "kommunekode"]]),
     "Filen har ingen datarækker – kun en overskrift."),
    ("stor.csv", lambda: b"x" * 2_000_000, "Filen fylder 1,9 MB; grænsen er 1,0 MB."),
    ("halv.xlsx", lambda: _workbook_bytes()[:5000], "Excel-filen kan ikke læses: den er beskadiget eller ikke en "
                                                     ".xlsx-fil."),
    ("bombe.xlsx", _bomb, "Excel-filen fylder 2,0 MB udpakket; grænsen er 1,0 MB. Gem den som CSV, eller del den op."),
    ("billede.csv", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
     "Filen er ikke en tekstfil (CSV), men ser ud til at være en binær fil. Vælg en CSV- eller XLSX-fil."),
    ("gammel.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
     "Filen er i det gamle Excel-format (.xls). Gem den som .xlsx eller CSV, og prøv igen."),
])
def test_it_rejects_an_unreadable_file_and_changes_nothing(import_file, settings, name, content, message):
    settings.IMPORT_MAX_BYTES = settings.IMPORT_XLSX_MAX_UNPACKED_BYTES = 1024 * 1024
    import_file(KIND, (SAMPLES / "practicum-evaluations.csv").read_bytes())
    before = sorted(PracticumEvaluationCount.objects.values_list("pk", "helt_enig", "data_import_id"))
    record = import_file(KIND, content(), name)
    assert record.status == DataImport.Status.REJECTED
    assert record.problems == [{"row": None, "column": None, "message": message}]
    assert sorted(PracticumEvaluationCount.objects.values_list("pk", "helt_enig", "data_import_id")) == before


def test_it_names_the_row_of_a_line_with_too_many_fields(import_file):
    content = csv_bytes([["år", "kommunekode", "uddannelse", "rolle", "vende_tilbage"],
                         ["2024", "165", "pædagog", "studerende", "Helt enig"],
                         ["2024", "165", "pædagog", "studerende", "Helt enig", "ekstra"]])
    record = import_file(KIND, content)
    assert record.status == DataImport.Status.REJECTED
    assert record.problems[0]["row"] == 3
    assert not PracticumEvaluationCount.objects.exists()
