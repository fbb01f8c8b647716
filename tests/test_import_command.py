"""`manage.py import_data <kind> <path> [--dry-run]`: summary or problems, and exit codes 0, 1 and 2."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from indicators.models import DataImport, PracticumEvaluationCount, WorkforceStat
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def _call(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_data", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_file_and_prints_the_summary_and_progress(reference_data):
    out, err = _call("workforce", str(SAMPLES / "workforce.xlsx"))
    assert "År og kommuner: 686 tilføjes, 0 erstattes, 0 uændrede."  # 98 municipalities × 2019–2025 in out
    assert "Importeret: 686 rækker skrevet i databasen" in out
    assert " 40 % Kontrollerer 686 rækker" in err and "Gemmer" in err
    assert WorkforceStat.objects.count() == 686
    record = DataImport.objects.get()
    assert (record.source, record.status, record.uploaded_by) == ("command", "succeeded", None)


def test_it_changes_nothing_on_a_dry_run(reference_data):
    out, _ = _call("practicum-evaluations", str(SAMPLES / "practicum-evaluations.csv"), "--dry-run")
    assert "Læst: 1088 rækker (CSV, semikolon, Windows-1252)." in out
    assert "Tørkørsel: filen er i orden; intet er gemt." in out
    assert not PracticumEvaluationCount.objects.exists() and not DataImport.objects.exists()


def test_it_says_when_a_second_import_changes_nothing(reference_data):
    _call("intervention-survey", str(SAMPLES / "intervention-survey.csv"))
    out, _ = _call("intervention-survey", str(SAMPLES / "intervention-survey.csv"))
    assert "Filen ændrer ingenting: de samme tal er allerede importeret." in out


def test_it_prints_each_problem_with_row_and_column_and_fails_with_1(reference_data, tmp_path):
    path = tmp_path / "evalueringer.csv"
    rows = [["år", "kommunekode", "uddannelse", "rolle", "vende_tilbage"]]
    rows += [["2024", "165", "pædagog", "studerende", "Helt enig"]] * 15
    rows += [["2024", "999", "pædagog", "studerende", ""]]
    path.write_bytes(csv_bytes(rows))
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_data", "practicum-evaluations", str(path), stdout=out, stderr=StringIO())
    assert error.value.returncode == 1
    assert out.getvalue().splitlines() == ["række 17, kolonne kommunekode: Ukendt kommunekode 999."]
    assert not PracticumEvaluationCount.objects.exists()
    assert DataImport.objects.get().status == DataImport.Status.REJECTED


def test_it_refuses_a_file_over_the_limit_before_reading_it(reference_data, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 10
    path = tmp_path / "stor.csv"
    path.write_bytes(b"x" * 11)
    with pytest.raises(CommandError) as error:
        _call("workforce", str(path))
    assert error.value.returncode == 1


def test_it_fails_with_2_for_a_missing_file(reference_data):
    with pytest.raises(CommandError) as error:
        _call("workforce", "/no/such/file.csv")
    assert error.value.returncode == 2


def _manage(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SECRET_KEY": "test-only", "DATABASE_URL": "sqlite:///:memory:"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.processes
def test_it_exits_with_2_on_bad_usage():
    assert _manage("import_data", "salaries", "x.csv").returncode == 2
    assert _manage("import_data").returncode == 2
    result = _manage("import_data", "workforce", "/no/such/file.csv")
    assert result.returncode == 2 and "Filen findes ikke" in result.stderr
