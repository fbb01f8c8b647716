"""The population-projection import's preview says what the import changes about each municipality's vintage
(inputs.choose_vintage): who switches, and who would have fewer of the years B … B+10."""

from __future__ import annotations

import pytest

from indicators.models import DataImport
from tests.conftest import ALBERTSLUND, ISHOEJ, csv_bytes
from tests.projection_samples import add_projection, add_stat

pytestmark = pytest.mark.django_db
HEADER = ["år", "kommunekode", "børn 0-2", "børn 3-5", "fremskrivning"]


def _preview(client, rows: list[list[str]]) -> str:
    from indicators.imports import jobs

    content = csv_bytes([HEADER, *rows])
    data_import = jobs.create(DataImport.Kind.POPULATION_PROJECTION, "dst-2026.csv", content, user=None,
                              source=DataImport.Source.WEB, keep_file=True)
    jobs.check(data_import, content, progress=lambda stage, percent: None)
    data_import.refresh_from_db()
    return " ".join(data_import.summary["details"]["vintage_changes"])


def test_it_says_who_switches_vintage_and_who_loses_years(client, projection_import):
    """Both have statistics for 2025 and DST 2025 for 2025–2035. The file brings DST 2026: Albertslund for
    2025–2035 (covers B … B+10: it switches), Ishøj only 2025–2027 (does not cover: keeps DST 2025, no loss)."""
    for code in (ALBERTSLUND, ISHOEJ):
        add_stat(projection_import, code=code)
        add_projection(projection_import, code=code, children={year: (30, 60) for year in range(2025, 2036)})
    rows = [[str(year), "165", "30", "60", "DST 2026"] for year in range(2025, 2036)]
    rows += [[str(year), "183", "30", "60", "DST 2026"] for year in range(2025, 2028)]
    text = _preview(client, rows)
    assert text == "Skifter befolkningsfremskrivning: Albertslund (DST 2025 → DST 2026)."


def test_it_warns_when_a_reimported_vintage_has_fewer_years(client, projection_import):
    """DST 2025 re-imported with only 2025–2030 for Albertslund: it keeps DST 2025 (its only vintage) but has
    6 of the 11 years B … B+10 instead of 11."""
    add_stat(projection_import)
    add_projection(projection_import, children={year: (30, 60) for year in range(2025, 2036)})
    text = _preview(client, [[str(year), "165", "30", "60", "DST 2025"] for year in range(2025, 2031)])
    assert text == "Får færre år fra basisåret og ti år frem end i dag: Albertslund."
