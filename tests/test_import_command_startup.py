"""`manage.py import_data` loads pandas and numpy only when it reads a file: its help and a wrong
path answer without waiting for them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.processes
PROBE = """
import sys
import django
from django.core.management import call_command
from django.core.management.base import CommandError
django.setup()
try:
    call_command("import_data", "workforce", "/no/such/file.csv")
except CommandError as error:
    print(error)
print("pandas" in sys.modules, "numpy" in sys.modules)
"""


def test_it_answers_a_wrong_path_without_importing_pandas():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "recruitment.settings", "SECRET_KEY": "test-only",
           "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.splitlines() == ["Filen findes ikke: /no/such/file.csv", "False False"]


COMMAND_LINE_PROBE = """
import sys
from django.core.management import execute_from_command_line
try:
    execute_from_command_line(["manage.py", "import_data", "workforce", "/no/such/file.csv"])
except SystemExit as exit:
    print(exit.code)
from indicators.imports.importers.reading import read_table
read_table(b"aar;kommunekode\\n2024;0101\\n", "a.csv")
print("recruitment.urls" in sys.modules, "openpyxl" in sys.modules, "python_calamine" in sys.modules)
"""


def test_from_the_command_line_it_skips_the_checks_that_load_every_view_and_a_csv_loads_no_excel_reader():
    # The system checks import every URLconf and so every view (the API framework, the charts): seconds of
    # start-up the import does not use. Reading a CSV needs neither Excel reader.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "recruitment.settings", "SECRET_KEY": "test-only",
           "DATABASE_URL": "sqlite:///:memory:"}
    result = subprocess.run([sys.executable, "-c", COMMAND_LINE_PROBE], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120, check=True)
    assert result.stdout.splitlines() == ["2", "False False False"]
