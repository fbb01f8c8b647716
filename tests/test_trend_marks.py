"""Interventions on the trend charts: every time-series chart of a municipality marks where its
interventions in the matching pathway started and ended, in the picture (lines and hover markers) and in the
table, and says that this shows timing, not cause."""

from datetime import date

import plotly.graph_objects as go
import pytest

from indicators.models import DataImport, WorkforceStat
from interventions.models import Intervention
from recruitment import data_version
from recruitment.models import Municipality
from tests.pages import figure_json, tables
from tests.test_imported_sections import _answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(reference_data):
    return DataImport.objects.create(kind="practicum-evaluations", file_name="evalueringer.csv", sha256="0" * 64,
                                     size_bytes=1, status=DataImport.Status.SUCCEEDED)


@pytest.fixture
def workforce(reference_data):
    imported = DataImport.objects.create(kind="workforce", file_name="personale.xlsx", sha256="1" * 64, size_bytes=1,
                                         status=DataImport.Status.SUCCEEDED)
    for year, pedagogues in ((2024, 190), (2025, 200)):
        WorkforceStat.objects.create(year=year, municipality=Municipality.objects.get(code=165), data_import=imported,
                                     paedagoger=pedagogues, paedagogiske_assistenter=40, paedagogmedhjaelpere=150,
                                     fratraadte=20)


@pytest.fixture
def dated(make_intervention, editor_a):
    status = Intervention.Status
    make_intervention(editor_a, 165, "student-onboarding", status=status.RUNNING, start_date=date(2023, 9, 1),
                      title="Velkomstforløb")
    make_intervention(editor_a, 165, "mentor-scheme", status=status.ENDED, start_date=date(2024, 2, 1),
                      end_date=date(2025, 3, 31), title="Mentorordning")
    make_intervention(editor_a, 165, "supervisor-network", status=status.PLANNED, start_date=date(2024, 1, 1),
                      title="Netværk")


def _marks(chart: dict) -> list[str]:
    trace = next((t for t in chart["data"] if t.get("name") == "Indsatser: start og slut"), None)
    return [text.split(" · ")[0] for text in trace["customdata"]] if trace else []


def test_it_marks_the_internships_interventions_on_the_practicum_chart(chef_client, record, workforce, dated):
    _answers(record, 165, 2023, helt_enig=5)
    _answers(record, 165, 2024, helt_enig=6)
    html = chef_client.get("/municipalities/165/").content.decode()
    practicum = figure_json(html, "practicum-return-data")
    assert _marks(practicum) == ["Start: Velkomstforløb (1.9.2023)"]  # not the mentor scheme, not the plan
    line = practicum["layout"]["shapes"][-1]
    assert (line["type"], line["yref"], round(line["x0"], 3)) == ("line", "paper", round(2022.5 + 243 / 365, 3))
    table = next(t for t in tables(html) if t[0][0] == "År" and "andel enige" in t[0][1])
    assert table[0][-1] == "Indsatser startet eller sluttet i perioden"
    assert [row[-1] for row in table[1:]] == ["Start: Velkomstforløb (1.9.2023)", "–"]
    assert "ikke at en indsats er årsag til udviklingen" in html


def test_it_marks_the_stay_in_job_interventions_on_the_workforce_chart(chef_client, workforce, dated):
    html = chef_client.get("/municipalities/165/").content.decode()
    shares = figure_json(html, "workforce-shares-data")
    # The workforce chart covers 2024–2025: the mentor scheme's end is drawn (x = 2025,247 − 0,5 = 2024,75, between
    # the points 2024 and 2025); its start (1.2.2024: x = 2024,085 − 0,5 = 2023,59) would sit left of the first
    # year, so it is listed, not drawn. The internship's start (2023) is not the workforce's pathway.
    assert _marks(shares) == ["Slut: Mentorordning (31.3.2025)"]
    assert [shape["line"]["dash"] for shape in shares["layout"]["shapes"]] == ["dot"]
    assert "Uden for diagrammets år (ikke tegnet): Start: Mentorordning (1.2.2024)." in html
    go.Figure(shares)


def test_it_marks_the_pathway_pages_charts_too(chef_client, record, workforce, dated):
    _answers(record, 165, 2024, helt_enig=5)
    html = chef_client.get("/municipalities/165/pathways/through-internship/").content.decode()
    practicum = figure_json(html, "practicum-return-data")
    assert _marks(practicum) == []  # 2024 only; the start in 2023 is before it, and said in a note
    assert "Uden for diagrammets år (ikke tegnet): Start: Velkomstforløb (1.9.2023)." in html


def test_it_keeps_the_dashboards_query_count_as_interventions_grow(chef_client, record, workforce, dated,
                                                                   make_intervention, django_assert_num_queries,
                                                                   django_assert_max_num_queries):
    _answers(record, 165, 2024, helt_enig=5)
    with django_assert_max_num_queries(45) as small:
        assert chef_client.get("/municipalities/165/").status_code == 200
    for code in (101, 165, 183, 751):
        for year in (2019, 2021, 2023):
            make_intervention(None, code, "mentor-scheme", status=Intervention.Status.ENDED,
                              start_date=date(year, 1, 1), end_date=date(year, 6, 30))
            make_intervention(None, code, "student-onboarding", status=Intervention.Status.RUNNING,
                              start_date=date(year, 3, 1))
    data_version.bump()
    with django_assert_num_queries(len(small.captured_queries)):
        assert chef_client.get("/municipalities/165/").status_code == 200


def test_many_marks_outside_the_years_are_counted_and_listed_one_click_away(chef_client, workforce, dated,
                                                                            make_intervention, editor_a):
    """The workforce chart covers 2024–2025. Outside it: the mentor scheme's start (1.2.2024, left of the first point)
    and three more starts in 2021–2023: four, more than the three a note names, so the note counts them and a closed
    list under the chart names each."""
    for year, title in ((2021, "Seniorordning"), (2022, "Trivselsgruppe"), (2023, "Fastholdelsessamtaler")):
        make_intervention(editor_a, 165, "mentor-scheme", status=Intervention.Status.RUNNING,
                          start_date=date(year, 6, 1), title=title)
    html = chef_client.get("/municipalities/165/").content.decode()
    assert "4 starter og slutninger af indsatser ligger uden for diagrammets år og er ikke tegnet" in html
    assert "<summary>Vis de 4 starter og slutninger uden for diagrammets år</summary>" in html
    for words in ("Start: Seniorordning (1.6.2021)", "Start: Trivselsgruppe (1.6.2022)",
                  "Start: Fastholdelsessamtaler (1.6.2023)", "Start: Mentorordning (1.2.2024)"):
        assert f"<li>{words}</li>" in html
    assert _marks(figure_json(html, "workforce-shares-data")) == ["Slut: Mentorordning (31.3.2025)"]


def test_a_months_starts_are_one_mark_and_the_chart_does_not_grow_with_them(chef_client, workforce, dated,
                                                                            make_intervention, editor_a):
    """Five interventions starting on 1.9.2024 are one line, naming three; fifty make the same chart with another
    count. The workforce chart covers 2024–2025; its 2024 row also holds the mentor scheme's start (1.2.2024,
    listed, not drawn): six starts, the first by date named."""
    def start(numbers: range) -> None:
        for n in numbers:
            make_intervention(editor_a, 165, "mentor-scheme", status=Intervention.Status.RUNNING,
                              start_date=date(2024, 9, 1), title=f"Indsats {n:02d}")
        data_version.bump()

    start(range(1, 6))
    html = chef_client.get("/municipalities/165/").content.decode()
    shares = figure_json(html, "workforce-shares-data")
    assert _marks(shares) == ["5 starter i september 2024: Indsats 01, Indsats 02, Indsats 03 og 2 flere",
                              "Slut: Mentorordning (31.3.2025)"]
    assert len(shares["layout"]["shapes"]) == 2
    table = next(t for t in tables(html) if t[0][-1] == "Indsatser startet eller sluttet i perioden")
    assert [row[-1] for row in table[1:]] == ["6 starter: Mentorordning, Indsats 01, Indsats 02 og 3 flere",
                                              "Slut: Mentorordning (31.3.2025)"]
    size = len(str(shares))

    start(range(6, 51))
    shares = figure_json(chef_client.get("/municipalities/165/").content.decode(), "workforce-shares-data")
    assert _marks(shares)[0] == "50 starter i september 2024: Indsats 01, Indsats 02, Indsats 03 og 47 flere"
    assert len(shares["layout"]["shapes"]) == 2
    assert len(str(shares)) - size <= 4  # two counts one digit longer each (5 → 50, 2 → 47, 3 → 48)


def test_the_list_of_marks_outside_the_years_names_twenty_and_counts_the_rest(chef_client, workforce, dated,
                                                                               make_intervention, editor_a):
    """Twenty-four starts in 2021 and the mentor scheme's start (1.2.2024): 25 outside the chart's years."""
    for n in range(1, 25):
        make_intervention(editor_a, 165, "mentor-scheme", status=Intervention.Status.RUNNING,
                          start_date=date(2021, 1, n), title=f"Tidlig {n:02d}")
    html = chef_client.get("/municipalities/165/").content.decode()
    assert "25 starter og slutninger af indsatser ligger uden for diagrammets år og er ikke tegnet" in html
    assert "<li>Start: Tidlig 20 (20.1.2021)</li>" in html
    assert "Tidlig 21" not in html
    assert "<li>… og 5 flere; alle står i kommunens liste over indsatser.</li>" in html
