"""A suppressed small-n share must not be computable from the aggregates shown beside it.

The attack: take an aggregate (a region, the country) as shown, turn its percent and n back into counts, and
subtract every municipality in it whose share is shown. If the aggregate still held a suppressed municipality,
the remainder would be that municipality's hidden answers. Aggregates therefore leave suppressed municipalities
out (and say so), so the remainder is always nothing.
"""

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from indicators.charts.practicum import practicum_section
from indicators.models import DataImport, PracticumEvaluationCount, SupervisorTrainingCount
from indicators.practicum import question_series, supervisor_training
from indicators.shares import Share, pooled
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db

HOVEDSTADEN = 1084
# Gentofte (157) has 3 answers (1 positive): suppressed. Odense (461) has 2: suppressed, alone in its region.
RETURN_ANSWERS = {
    157: {"helt_enig": 1, "helt_uenig": 2},  # 1 of 3
    101: {"helt_enig": 10, "delvist_uenig": 10},  # 10 of 20
    147: {"delvist_enig": 6, "helt_uenig": 4},  # 6 of 10
    151: {"helt_enig": 5},  # 5 of 5
    153: {"helt_enig": 3, "hverken_eller": 5},  # 3 of 8
    165: {"helt_enig": 4, "delvist_enig": 2, "helt_uenig": 2, "ved_ikke": 5},  # 6 of 8
    183: {"helt_uenig": 7, "helt_enig": 2},  # 2 of 9
    751: {"delvist_enig": 10, "delvist_uenig": 10},  # 10 of 20
    461: {"helt_enig": 2},  # 2 of 2
}
# Supervisors: (answered, formal, internal course, none); Gentofte's 4 and Odense's 1 are suppressed.
TRAINING = {157: (4, 1, 2, 1), 101: (10, 5, 3, 3), 165: (6, 3, 3, 0), 183: (5, 1, 0, 4), 751: (8, 4, 4, 0),
            461: (1, 1, 0, 0)}


@pytest.fixture
def answers(reference_data):
    record = DataImport.objects.create(kind="practicum-evaluations", file_name="evalueringer.csv", sha256="0" * 64,
                                       size_bytes=1, status=DataImport.Status.SUCCEEDED)
    for code, counts in RETURN_ANSWERS.items():
        for question in ("vende_tilbage", "anbefale"):
            PracticumEvaluationCount.objects.create(
                year=2024, municipality=Municipality.objects.get(code=code), education="paedagog",
                role="studerende", question=question, data_import=record, **counts)
    for code, (answered, formal, internal, none) in TRAINING.items():
        SupervisorTrainingCount.objects.create(
            year=2024, municipality=Municipality.objects.get(code=code), education="paedagog", answered=answered,
            formal=formal, internal_course=internal, no_training=none, data_import=record)
    return record


def test_pooling_leaves_suppressed_units_out_and_counts_them():
    pooled_share = pooled([(1, 3), (10, 20), (0, 0), (6, 10)])
    assert (pooled_share.part, pooled_share.n, pooled_share.left_out) == (16, 30, 1)
    assert pooled_share.pct == pytest.approx(100 * 16 / 30)
    assert pooled([(1, 3)]).suppressed  # nothing left: suppressed itself
    assert Share(3, 4).left_out == 0


def test_region_and_country_leave_suppressed_municipalities_out(answers):
    # Hovedstaden without Gentofte: 10+6+5+3+6+2 = 32 of 20+10+5+8+8+9 = 60; the country adds Aarhus' 10 of 20
    # and leaves Odense out: 42 of 80.
    item, = question_series(Municipality.objects.get(code=165), "vende_tilbage")
    assert (item.municipality.part, item.municipality.n) == (6, 8)
    assert (item.region.part, item.region.n, item.region.left_out) == (32, 60, 1)
    assert (item.everyone.part, item.everyone.n, item.everyone.left_out) == (42, 80, 2)
    gentofte, = question_series(Municipality.objects.get(code=157), "vende_tilbage")
    assert gentofte.municipality.suppressed and gentofte.municipality.n == 3
    assert (gentofte.region.part, gentofte.region.n) == (32, 60)
    # Supervisors: Hovedstaden without Gentofte answered 10+6+5 = 21, formal 5+3+1 = 9; all: 29, formal 13.
    region, = supervisor_training(None, region_id=Municipality.objects.get(code=165).region_id)
    assert (region.formal.part, region.formal.n, region.formal.left_out) == (9, 21, 1)
    everyone, = supervisor_training(None)
    assert (everyone.formal.part, everyone.formal.n, everyone.formal.left_out) == (13, 29, 2)


def _counts(pct: float | str | None, n: int | str) -> tuple[int, int]:
    """What an attacker reads back: the count behind a shown percent and n."""
    n = int(n)
    if pct in (None, "", "for få svar"):
        return 0, n
    return int((Decimal(str(pct).replace(",", ".")) * n / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), n


def _members() -> dict[str, set[int]]:
    codes = set(RETURN_ANSWERS) | set(TRAINING)
    regions: dict[str, set[int]] = {"everyone": codes}
    for code in codes:
        regions.setdefault(str(Municipality.objects.get(code=code).region_id), set()).add(code)
    return regions


def _attack(shown: dict[int, dict[str, tuple]], key: str) -> None:
    """`shown[code]` has what a municipality's page shows for `key`: its own (pct, n, suppressed) and its region's
    and the country's (pct, n). Subtract the visible municipalities from every aggregate: nothing may remain."""
    members = _members()
    visible = {code: _counts(*seen["municipality"][:2]) for code, seen in shown.items()
               if not seen["municipality"][2]}
    for code, seen in shown.items():
        region_id = str(Municipality.objects.get(code=code).region_id)
        for level, group in (("region", members[region_id]), ("everyone", members["everyone"])):
            part, n = _counts(*seen[level][:2])
            rest = (part - sum(visible[c][0] for c in group if c in visible),
                    n - sum(visible[c][1] for c in group if c in visible))
            assert rest == (0, 0), f"{key}: {level} beside {code} minus the visible municipalities leaves {rest}"


def test_the_api_gives_no_aggregate_a_suppressed_share_can_be_computed_from(chef_client, answers):
    for question in ("vende_tilbage", "anbefale"):
        shown = {}
        for code in RETURN_ANSWERS:
            row = next(row for row in chef_client.get(f"/api/v1/municipalities/{code}/practicum/?year=2024").json()
                       if row["question"] == question)
            shown[code] = {level: (row[api_level]["pct"], row[api_level]["n"], row[api_level]["suppressed"])
                           for level, api_level in (("municipality", "municipality"), ("region", "region"),
                                                    ("everyone", "country"))}
        _attack(shown, f"API {question}")
        gentofte = chef_client.get("/api/v1/municipalities/157/practicum/?year=2024").json()[0]
        assert gentofte["region"]["left_out"] == 1 and gentofte["country"]["left_out"] == 2


def _download(client, code: int, chart: str, fmt: str) -> list[list]:
    response = client.get(f"/municipalities/{code}/?{fmt}={chart}")
    assert response.status_code == 200
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_practicum_downloads_give_no_aggregate_a_suppressed_share_can_be_computed_from(chef_client, answers,
                                                                                          fmt):
    def levels(cells: list) -> dict[str, tuple]:
        mine, region, everyone = cells[0:2], cells[2:4], cells[4:6]
        return {"municipality": (*mine, mine[0] == "for få svar"), "region": tuple(region),
                "everyone": tuple(everyone)}

    returns = {code: levels(_download(chef_client, code, "practicum-return", fmt)[1][1:])
               for code in RETURN_ANSWERS}
    _attack(returns, f"{fmt} practicum-return")
    for index in range(2):  # both questions of the latest year
        questions = {code: levels(_download(chef_client, code, "practicum-questions", fmt)[1 + index][2:])
                     for code in RETURN_ANSWERS}
        _attack(questions, f"{fmt} practicum-questions")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_training_download_gives_no_aggregate_a_suppressed_share_can_be_computed_from(chef_client, answers,
                                                                                         fmt):
    for column in (2, 3, 4):  # formal, internal course, none
        shown = {}
        for code in TRAINING:
            mine, region, everyone = _download(chef_client, code, "practicum-training", fmt)[1:4]
            shown[code] = {"municipality": (mine[column], mine[5], mine[column] == "for få svar"),
                           "region": (region[column], region[5]), "everyone": (everyone[column], everyone[5])}
        _attack(shown, f"{fmt} practicum-training column {column}")


def test_the_page_says_the_aggregates_leave_small_municipalities_out(chef_client, answers):
    page = chef_client.get("/municipalities/157/").content.decode()
    assert "uden kommuner med under 5 svar" in page
    section = practicum_section(Municipality.objects.get(code=157))
    for chart in section.charts:
        assert any("uden kommuner med under 5 svar" in note for note in chart.notes), chart.id


def test_a_comparison_group_leaves_suppressed_municipalities_out_too(answers):
    # A group of Gentofte (1 of 3: suppressed), Albertslund (6 of 8) and Aarhus (10 of 20): 16 of 28.
    group = {Municipality.objects.get(code=code).pk for code in (157, 165, 751)}
    item, = question_series(Municipality.objects.get(code=165), "vende_tilbage", peers=group)
    assert (item.region.part, item.region.n, item.region.left_out) == (16, 28, 1)
    # Supervisors in the group: Albertslund 6 and Aarhus 8 answered, formal 3 + 4; Gentofte's 4 left out.
    training, = supervisor_training(None, peers=group)
    assert (training.formal.part, training.formal.n, training.formal.left_out) == (7, 14, 1)
