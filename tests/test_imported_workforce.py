"""The dashboards' sections on imported workforce statistics and the intervention survey: the workforce over
the years, target-group sizes and reach, the survey's answers, and each figure from the newest year that has it."""

from decimal import Decimal as D

import pytest

from indicators.charts.survey import survey_section
from indicators.charts.workforce import workforce_section
from indicators.models import DataImport, InterventionSurveyAnswer, WorkforceStat
from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality, Pathway, TargetGroup
from tests.imported_samples import albertslund_workforce

pytestmark = pytest.mark.django_db


def _rows(chart) -> list[list]:
    return [list(row) for row in chart.table.rows]


@pytest.fixture
def workforce(reference_data):
    return albertslund_workforce()


def test_it_shows_the_workforce_over_the_years(workforce):
    section = workforce_section(workforce.municipality)
    shares = next(chart for chart in section.charts if chart.id == "workforce-shares")
    assert _rows(shares) == [
        [2024, 190, 380, D("50"), D("15.8"), None, None, None, None],
        [2025, 200, 400, D("50"), D("18"), D("45"), D("12"), 900, 1000],
    ]
    assert "personale.xlsx" in section.source


def test_it_shows_target_group_sizes_and_reach(workforce):
    students = TargetGroup.objects.get(slug="students")
    intervention = Intervention.objects.create(municipality=workforce.municipality, title="Velkomstdag",
                                               status=Intervention.Status.RUNNING, participants_actual=12)
    intervention.target_groups.set([students])
    section = workforce_section(workforce.municipality)
    reach = next(chart for chart in section.charts if chart.id == "workforce-reach")
    rows = {row[0]: row for row in _rows(reach)}
    assert rows["Pædagogstuderende i praktik"] == ["Pædagogstuderende i praktik", 18, "pædagogstuderende i praktik", 1,
                                                   12, D("66.7"), 2025]
    assert rows["Seniorpædagoger (55+)"][1:] == [36, "pædagoger over 55 år", 0, None, None, 2025]
    assert rows["Sporskiftere og ledige med en bachelor"][1:3] == [None, "ingen tal i statistikken"]


def test_reach_above_the_group_is_said_in_words_in_the_label(workforce):
    """18 students in the statistics: 12 participants is 66,7 % (a bar of 66,67; "67 %"); 52 participants is more than
    the group (counted in several interventions), said in the label itself and drawn as a full bar of 100. The label
    rounds the share to whole per cent, as the chart always has."""
    students = TargetGroup.objects.get(slug="students")
    intervention = Intervention.objects.create(municipality=workforce.municipality, title="Velkomstdag",
                                               status=Intervention.Status.RUNNING, participants_actual=12)
    intervention.target_groups.set([students])

    def label_and_bar() -> tuple[str, float]:
        chart = next(c for c in workforce_section(workforce.municipality).charts if c.id == "workforce-reach")
        trace = chart.figure["data"][0]
        index = next(i for i, name in enumerate(trace["y"]) if "studerende" in name)
        return trace["y"][index], trace["x"][index]

    share = pytest.approx(66.67, abs=0.01)
    assert label_and_bar() == ("Pædagogstuderende i praktik<br>67 % · 12 deltagere af 18 (2025)", share)
    Intervention.objects.filter(pk=intervention.pk).update(participants_actual=52)
    assert label_and_bar() == ("Pædagogstuderende i praktik<br>flere end målgruppen (52 deltagere,<br>målgruppen 18)",
                               100)


def test_it_shows_only_the_pathways_own_target_groups_on_a_pathway_page(workforce):
    internship = Pathway.objects.get(slug="through-internship")
    section = workforce_section(workforce.municipality, internship)
    assert [chart.id for chart in section.charts] == ["workforce-reach"]  # the staff shares belong elsewhere
    assert [row[0] for row in section.charts[0].table.rows] == ["Pædagogstuderende i praktik"]


def test_it_shows_the_survey_answers_beside_the_registered_interventions(reference_data):
    record = DataImport.objects.create(kind="intervention-survey", file_name="kortlaegning.csv", sha256="2" * 64,
                                       size_bytes=1, status=DataImport.Status.SUCCEEDED)
    albertslund = Municipality.objects.get(code=165)
    mentor, training = InterventionType.objects.get(slug="mentor-scheme"), InterventionType.objects.get(
        slug="supervisor-training")
    for year, runs in [(2023, False), (2024, True)]:
        InterventionSurveyAnswer.objects.create(year=year, municipality=albertslund, intervention_type=mentor,
                                                runs=runs, data_import=record)
    InterventionSurveyAnswer.objects.create(year=2024, municipality=albertslund, intervention_type=training,
                                            runs=False, data_import=record)
    Intervention.objects.create(municipality=albertslund, title="Vejlederkursus", intervention_type=training,
                                status=Intervention.Status.RUNNING)
    section = survey_section(albertslund)
    assert (section.year, section.reported_count) == (2024, 1)
    assert section.table.rows == [
        ["Opkvalificering af praktikvejledere", "Pædagogstuderende i praktik", "nej", "ja"],
        ["Mentorordning", "Nyuddannede pædagoger", "ja", "nej"],
    ]


def test_a_newer_file_missing_two_figures_leaves_those_sizes_on_the_previous_year_named(import_file):
    """2024's file has every figure; 2025's lacks "medhjælpere under 25" and "studerende i praktik". The reach
    chart keeps 2024's sizes for the groups built on them – the young helpers (60), the students (18) and the
    assistants (40 + 160 − 60 = 140) – and names 2024 beside them; the seniors take 2025's 40. No group says
    "ingen størrelse i statistikken" but the career changers, whom no figure measures."""
    header = "år;kommunekode;pædagoger;pædagogiske assistenter;pædagogmedhjælpere;medhjælpere under 25;" \
             "pædagoger over 55;nyuddannede;studerende i praktik\r\n"
    first = import_file("workforce", (header + "2024;165;200;40;160;60;36;14;18\r\n").encode())
    newer = import_file("workforce", ("år;kommunekode;pædagoger;pædagogiske assistenter;pædagogmedhjælpere;"
                                      "pædagoger over 55;nyuddannede\r\n2025;165;210;42;170;40;15\r\n").encode())
    assert first.status == newer.status == DataImport.Status.SUCCEEDED
    section = workforce_section(Municipality.objects.get(code=165))
    chart = next(chart for chart in section.charts if chart.id == "workforce-reach")
    rows = {row[0]: (row[1], row[-1]) for row in _rows(chart)}
    assert rows["Pædagogstuderende i praktik"] == (18, 2024)
    assert rows["Unge i sabbatår-job"][1] == 2024 and rows["Unge i sabbatår-job"][0] == 60
    assert rows["Seniorpædagoger (55+)"] == (40, 2025)
    assert rows["Erfarne pædagogmedhjælpere og pædagogiske assistenter (PAU)"] == (140, 2024)
    labels = [label.replace("<br>", " ") for label in chart.figure["data"][0]["y"]]
    assert sum("ingen størrelse i statistikken" in label for label in labels) == 1
    assert "Pædagogstuderende i praktik 2024" in chart.description
    assert "Seniorpædagoger (55+) 2025" in chart.description


def test_each_key_figure_is_the_newest_years_that_has_it_with_its_year_named(chef_client, reference_data):
    """2024: 190 pedagogues, 40 assistants, 150 helpers, 30 over 55, 95 under 37 hours. 2025 lacks those last two:
    200 pedagogues, 40 assistants, 160 helpers, 24 leavers. Key figures: 200 pedagogues (2025); 200 / 400 = 50 %
    with the education (2025); over 55 30 / 190 = 15.8 % (2024); under 37 hours 95 / 190 = 50 % (2024); leavers
    24 / 200 = 12 % (2025). Before, the over-55 and part-time figures showed "–" for 2025."""
    record = DataImport.objects.create(kind="workforce", file_name="personale.xlsx", sha256="2" * 64, size_bytes=1,
                                       status=DataImport.Status.SUCCEEDED)
    albertslund = Municipality.objects.get(code=165)
    WorkforceStat.objects.create(year=2024, municipality=albertslund, data_import=record, paedagoger=190,
                                 paedagogiske_assistenter=40, paedagogmedhjaelpere=150, paedagoger_over_55=30,
                                 paedagoger_under_37_timer=95)
    WorkforceStat.objects.create(year=2025, municipality=albertslund, data_import=record, paedagoger=200,
                                 paedagogiske_assistenter=40, paedagogmedhjaelpere=160, fratraadte=24)
    key = workforce_section(albertslund).key_figures
    assert (key.pedagogues.value, key.pedagogues.year) == (200, 2025)
    assert (key.pedagogue_share.value.percent, key.pedagogue_share.year) == (D("50"), 2025)
    assert (round(key.seniors_share.value.percent, 1), key.seniors_share.year) == (D("15.8"), 2024)
    assert (key.part_time_share.value.percent, key.part_time_share.year) == (D("50"), 2024)
    assert (key.leavers_share.value.percent, key.leavers_share.year) == (D("12"), 2025)
    page = chef_client.get("/municipalities/165/").content.decode()
    figures = page[page.index('<dl class="figures workforce-figures">'):]
    figures = figures[:figures.index("</dl>")]
    assert "personer, 2025" in figures and figures.count("af pædagogerne, 2024") == 2
    assert "af pædagogerne, 2025" in figures and "af personalet, 2025" in figures
