"""A file's content per (year, municipality) is built only for keys the database already holds:
a first import of its years compares nothing, a re-import compares every key as before."""

import pytest

from indicators.imports.importers import base, get_importer
from indicators.imports.importers.keyed_content import KeyedContent
from tests.conftest import csv_bytes
from tests.practicum_rows import HEADER, KIND, ROWS

pytestmark = pytest.mark.django_db


def test_a_first_import_never_builds_the_files_content_and_a_second_compares_it(import_file):
    content = csv_bytes([HEADER, *ROWS])
    first = base.analyse(get_importer(KIND), content, "a.csv")
    assert set(first.actions.values()) == {"added"} and len(first.actions) == 2
    assert "_content" not in vars(first.parsed)

    import_file(KIND, content)
    again = base.analyse(get_importer(KIND), content, "a.csv")
    assert set(again.actions.values()) == {"unchanged"}
    assert "_content" in vars(again.parsed)


def test_keyed_content_builds_once_on_the_first_read_and_knows_its_keys():
    built = []

    def build():
        built.append(1)
        return {(2024, 1): "a", (2024, 2): "b"}

    content = KeyedContent([(2024, 1), (2024, 2)], build)
    assert list(content) == [(2024, 1), (2024, 2)] and len(content) == 2 and (2024, 1) in content
    assert built == []
    assert content[(2024, 2)] == "b"
    with pytest.raises(KeyError):
        content[(2023, 1)]
    assert built == [1]
