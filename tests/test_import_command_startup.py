"""`manage.py import_data` loads pandas and numpy only when it reads a file (issue 15): its help and a wrong
path answer without waiting for them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
