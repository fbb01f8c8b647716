"""The regional page /regions/<slug>/ against hand computations on a constructed region of four municipalities.

Region "Region Prøveland" (code 9999, address /regions/proeveland/) with four municipalities made here:
- Aby (901) runs supervisor-training and student-onboarding: through-internship 2 of 6 types = 33.3 %;
  into-education 0 of 9 = 0 %; stay-in-job 0 of 18 = 0 %. Workforce statistics and a population projection.
  Three targets of its own indicator, baseline 40 in 2023, target 60 in 2027 (needed: +5 a year):
  46 in 2024 (+6 a year, ratio 1.2: on track), 42 in 2024 (+2, ratio 0.4: far), no value after 2023 (too few).
  Practicum 2025, students, "would return": 6 + 2 agree of 10 answering = 80 %.
- Bby (902) has confirmed that it runs none: it reports, 0 % everywhere. Practicum: 3 answers (suppressed).
- Cby (903) has one planned supervisor-network: it reports (any status), 0 % (plans do not count).
  One target at 38 in 2024 from 40: the wrong way.
- Dby (904) has registered nothing: it does not report, and is left out of the averages.
Region average of through-internship = (33.3 + 0 + 0) / 3 = 11.1 over 3 of 4 reporting.
The region's targets together: on track 1, far 1, wrong way 1, too few 1.
The region's practicum share pools Aby only (Bby's 3 answers are left out): 80 %.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import DataImport, PopulationProjection, PracticumEvaluationCount, Target, WorkforceStat
from indicators.projection import pages as projection
from indicators.regions import region_page
from interventions.models import Intervention, NoneRunConfirmation
from recruitment import data_version
from recruitment.models import Municipality, Region, region_by_slug

pytestmark = pytest.mark.django_db


@pytest.fixture
def proeveland(reference_data, add_intervention) -> Region:
    region = Region.objects.create(code=9999, name="Region Prøveland")
    for code, name in [(901, "Aby"), (902, "Bby"), (903, "Cby"), (904, "Dby")]:
        Municipality.objects.create(code=code, name=name, region=region)
    add_intervention(901, Intervention.Status.RUNNING, "supervisor-training")
    add_intervention(901, Intervention.Status.RUNNING, "student-onboarding")
    add_intervention(903, Intervention.Status.PLANNED, "supervisor-network")
    NoneRunConfirmation.objects.create(municipality=Municipality.objects.get(code=902), confirmed_on=date(2026, 11, 2))
    record = DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, file_name="a.xlsx", sha256="0" * 64,
                                       size_bytes=1, status=DataImport.Status.SUCCEEDED)
    aby = Municipality.objects.get(code=901)
    WorkforceStat.objects.create(year=2025, municipality=aby, data_import=record, paedagoger=100,
                                 paedagoger_over_55=20, paedagoger_under_37_timer=60, fratraadte=12,
                                 nyuddannede_ansat=5, paedagogiske_assistenter=60, paedagogmedhjaelpere=40)
    PopulationProjection.objects.bulk_create([
        PopulationProjection(vintage="DST 2025", year=year, municipality=aby, children_0_2=30, children_3_5=60,
                             data_import=record) for year in range(2025, 2036)])
    for values in ["2024; 46", "2024; 42", ""]:
        Target.objects.create(municipality=aby, indicator=Target.Indicator.CUSTOM, custom_label="Egen",
                              manual_values=values, baseline_value=40, baseline_year=2023, target_value=60,
                              target_year=2027, source="Strategi")
    Target.objects.create(municipality=Municipality.objects.get(code=903), indicator=Target.Indicator.CUSTOM,
                          custom_label="Egen", manual_values="2024; 38", baseline_value=40, baseline_year=2023,
                          target_value=60, target_year=2027, source="Strategi")
    for code, agree, partly, neutral in [(901, 6, 2, 2), (902, 1, 1, 1)]:
        PracticumEvaluationCount.objects.create(
            year=2025, municipality=Municipality.objects.get(code=code), education="paedagog", role="studerende",
            question="vende_tilbage", helt_enig=agree, delvist_enig=partly, hverken_eller=neutral,
            data_import=record)
    data_version.bump()
    return region


def _row(page, name):
    return next(row for row in page.all_rows if row.label == name)


def test_it_finds_a_region_by_its_address(proeveland):
    assert proeveland.slug == "proeveland"
    assert region_by_slug("proeveland") == proeveland
    assert Region(name="Region Sjælland").slug == "sjaelland"
    assert region_by_slug("atlantis") is None


def test_it_counts_who_reports_and_what_is_missing(proeveland):
    page = region_page(proeveland, today=date(2026, 12, 1))
    status = page.completeness
    assert (status.total, status.reporting, status.confirmed_none) == (4, 3, 1)
    assert (status.with_workforce, status.with_projection, status.complete) == (1, 1, 1)
    by_name = {row.municipality.name: row for row in status.rows}
    assert by_name["Bby"].confirmed_none == date(2026, 11, 2)
    assert by_name["Aby"].last_change is not None and by_name["Cby"].last_change is not None
    assert by_name["Bby"].last_change is None and by_name["Dby"].last_change is None
    assert by_name["Dby"].missing == ["reporting", "workforce", "projection"]


def test_it_gives_each_municipality_its_coverage_and_the_averages_over_those_reporting(proeveland):
    page = region_page(proeveland, today=date(2026, 12, 1))
    slugs = [p.slug for p in page.pathways]
    internship = slugs.index("through-internship")
    aby = _row(page, "Aby")
    assert [(c.active, c.total) for c in aby.pathways] == [(0, 9), (2, 6), (0, 18)]
    assert round(aby.pathways[internship].pct, 1) == Decimal("33.3")
    assert [c.pct for c in _row(page, "Bby").pathways] == [0, 0, 0]
    assert [c.pct for c in _row(page, "Cby").pathways] == [0, 0, 0]
    assert [c.pct for c in _row(page, "Dby").pathways] == [None, None, None]  # unknown, not 0 %
    assert round(page.region_row.pathways[internship].pct, 1) == Decimal("11.1")
    assert page.country_row.label == "Gennemsnit, hele landet"


def test_it_gives_the_central_gap_of_those_with_a_projection(proeveland):
    page = region_page(proeveland, today=date(2026, 12, 1))
    sums = projection.sum_page(proeveland)
    aby_gaps = next(item.gaps for item in sums.municipalities if item.municipality.name == "Aby")
    assert _row(page, "Aby").gaps == [Decimal(round(gap)) for gap in aby_gaps]
    assert _row(page, "Bby").gaps == [None, None]
    # One municipality with a projection: the region's mean gap is Aby's own, to one decimal.
    assert page.region_row.gaps_from == 1
    assert page.region_row.gaps == [Decimal(repr(gap)).quantize(Decimal("0.1")) for gap in aby_gaps]


def test_it_counts_the_targets_statuses(proeveland):
    page = region_page(proeveland, today=date(2026, 12, 1))
    assert dict(_row(page, "Aby").targets) == {"on-track": 1, "far": 1, "too-few-data": 1}
    assert dict(_row(page, "Cby").targets) == {"wrong-way": 1}
    assert _row(page, "Aby").targets_text == "1 på vej, 1 langt fra, 1 for få data"
    assert dict(page.region_row.targets) == {"on-track": 1, "far": 1, "too-few-data": 1, "wrong-way": 1}
    assert not _row(page, "Dby").targets
    # The downloads say that the region's row counts the targets together (a sum, not an average): Aby's three
    # and Cby's one, in the statuses' order.
    rows = {row[0]: row for row in page.table.rows}
    status = page.table.columns.index("Mål: status")
    assert rows["Aby"][status] == "1 på vej, 1 langt fra, 1 for få data"
    assert rows[page.region_row.label][status] == "i alt: 1 på vej, 1 langt fra, 1 går den forkerte vej, 1 for få data"


def test_it_gives_the_latest_practicum_share_suppressed_below_five(proeveland):
    page = region_page(proeveland, today=date(2026, 12, 1))
    assert _row(page, "Aby").practicum_pct == 80
    assert _row(page, "Bby").practicum.suppressed and _row(page, "Bby").practicum_pct is None
    assert _row(page, "Cby").practicum is None
    assert page.region_row.practicum.percent == 80 and page.region_row.practicum.left_out == 1


def test_it_sorts_with_the_unknown_last_either_way(proeveland):
    up = region_page(proeveland, "through-internship")
    down = region_page(proeveland, "through-internship", descending=True)
    assert [row.label for row in up.rows][-1] == "Dby" and [row.label for row in down.rows][-1] == "Dby"
    assert [row.label for row in down.rows][0] == "Aby"
    assert [row.label for row in up.rows][:3] == ["Bby", "Cby", "Aby"]  # ties by name


def test_it_lists_who_to_learn_from_running_first(proeveland, add_intervention):
    add_intervention(902, Intervention.Status.ENDED, "supervisor-training", title="Afsluttet vejlederkursus")
    page = region_page(proeveland)
    training = next(item for item in page.learning.types if item.entry.intervention_type.slug == "supervisor-training")
    assert [(i.municipality.name, i.status) for i in training.interventions] == [("Aby", "running"), ("Bby", "ended")]
    assert (training.running, training.municipalities) == (1, 2)
    slugs = {item.entry.intervention_type.slug for item in page.learning.types}
    assert slugs == {"supervisor-training", "student-onboarding", "supervisor-network"}


def test_the_page_shows_the_table_and_links(chef_client, proeveland):
    response = chef_client.get("/regions/proeveland/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "KKR Prøveland" in html
    assert "3 af 4</strong> kommuner har indberettet" in html
    assert "2/6 · 33,3 %" in html and "11,1 %" in html
    assert 'href="/municipalities/901/"' in html
    assert "1 på vej" in html and "går den forkerte vej" in html
    assert "i alt: <span class=\"target-status" in html  # the region's targets are counted, not averaged


def test_it_says_in_danish_that_it_cannot_sort_by_an_unknown_column(chef_client, proeveland):
    response = chef_client.get("/regions/proeveland/?sort=evil")
    assert response.status_code == 200
    assert "Tabellen kan ikke sorteres efter “evil”" in response.content.decode()


def test_it_answers_404_for_an_unknown_region(chef_client, proeveland):
    assert chef_client.get("/regions/atlantis/").status_code == 404
    assert chef_client.get("/regions/proeveland/?csv=other").status_code == 404


def test_the_csv_for_danish_excel_has_the_rows_and_the_averages(chef_client, proeveland):
    response = chef_client.get("/regions/proeveland/?csv=table")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Kommune", "Kommunekode", "Indberetter", "Flere ind på pædagoguddannelsen: typer i gang"]
    assert [row[0] for row in rows[1:]] == ["Aby", "Bby", "Cby", "Dby", "Gennemsnit, KKR Prøveland",
                                            "Gennemsnit, hele landet"]
    aby = rows[1]
    assert aby[1:9] == ["901", "ja", "0", "9", "0,0", "2", "6", "33,3"]
    assert rows[5][8] == "11,1"


def test_the_xlsx_download_is_a_workbook(chef_client, proeveland):
    from openpyxl import load_workbook

    response = chef_client.get("/regions/proeveland/?xlsx=table")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Aby" and sheet["I2"].value == 33.3


def test_it_runs_as_many_queries_for_a_large_region_as_for_a_small_one(reference_data, add_intervention):
    """Hovedstaden (29 municipalities) and Nordjylland (11), neither with targets: the same number of queries."""
    add_intervention(165, Intervention.Status.RUNNING, "supervisor-training")
    add_intervention(851, Intervention.Status.RUNNING, "supervisor-training")
    counts = []
    for slug in ["hovedstaden", "nordjylland"]:
        region = region_by_slug(slug)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            region_page(region)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 32  # who to learn from reads three: the interventions, their partners, the contacts
