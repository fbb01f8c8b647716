"""Targets: the status computed the Open SDG way on constructed series (hand-computed), the rules of a target,
the pages (list with status and CSV, create, edit with optimistic locking and history) and the targets drawn on
the charts of their indicators."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators.models import Target
from indicators.models.targets import parse_manual_values
from indicators.targets.status import ACCELERATE, FAR, ON_TRACK, TOO_FEW, WRONG_WAY, progress
from recruitment.models import Municipality
from tests.pages import figure_json

D = Decimal


# --- The status (Open SDG's rule) on constructed series -------------------------------------------------

def test_it_is_on_track_when_the_yearly_change_is_at_least_95_percent_of_the_needed():
    # Needed: (50 − 20) / (2027 − 2023) = 7,5 a year. Observed: (35 − 20) / (2025 − 2023) = 7,5 → ratio 1.
    result = progress(2023, D(20), 2027, D(50), True, {2022: D(5), 2023: D(20), 2024: D(26), 2025: D(35)})
    assert (result.status, result.needed_per_year, result.observed_per_year) == (ON_TRACK, D("7.5"), D("7.5"))
    assert (result.latest_year, result.latest_value) == (2025, D(35))
    # 7,2 / 7,5 = 0,96 ≥ 0,95: still on track.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D("34.4")}).status == ON_TRACK


def test_it_needs_acceleration_between_half_and_95_percent():
    # Observed (30 − 20) / 2 = 5; 5 / 7,5 = 0,67.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D(30)}).status == ACCELERATE
    # 7,1 / 7,5 = 0,947 < 0,95.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D("34.2")}).status == ACCELERATE
    # Exactly half: 3,75 / 7,5 = 0,5.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D("27.5")}).status == ACCELERATE


def test_it_is_far_from_the_target_below_half_or_without_change():
    # (22 − 20) / 2 = 1; 1 / 7,5 = 0,13.
    assert progress(2023, D(20), 2027, D(50), True, {2025: D(22)}).status == FAR
    assert progress(2023, D(20), 2027, D(50), True, {2025: D(20)}).status == FAR


def test_it_goes_the_wrong_way_when_the_figure_moves_away():
    result = progress(2023, D(20), 2027, D(50), True, {2024: D(15)})
    assert (result.status, result.observed_per_year) == (WRONG_WAY, D(-5))


def test_it_reads_lower_is_better():
    # Leavers from 12 % (2022) to 8 % in 2026: needed −1 a year. Observed (10,5 − 12) / 2 = −0,75 → 0,75.
    assert progress(2022, D(12), 2026, D(8), False, {2024: D("10.5")}).status == ACCELERATE
    assert progress(2022, D(12), 2026, D(8), False, {2024: D(10)}).status == ON_TRACK
    assert progress(2022, D(12), 2026, D(8), False, {2024: D(13)}).status == WRONG_WAY


def test_it_counts_a_reached_target_as_on_track():
    assert progress(2023, D(20), 2027, D(50), True, {2024: D(55)}).status == ON_TRACK


def test_it_keeps_a_value_while_it_does_not_fall():
    # Albertslund: the pedagogue share "fastholdes eller højnes" — target = baseline.
    assert progress(2023, D(60), 2027, D(60), True, {2025: D(60)}).status == ON_TRACK
    assert progress(2023, D(60), 2027, D(60), True, {2025: D(59)}).status == WRONG_WAY


def test_it_has_too_few_data_without_a_value_after_the_baseline_year():
    result = progress(2023, D(20), 2027, D(50), True, {2021: D(10), 2023: D(20)})
    assert (result.status, result.observed_per_year, result.label) == (TOO_FEW, None, "for få data")


# --- The rules of a target ----------------------------------------------------------------------------------

def test_it_reads_manual_values_with_a_danish_decimal_comma():
    assert parse_manual_values("2023; 40\n\n2024;45,5\n") == {2023: D(40), 2024: D("45.5")}


@pytest.mark.parametrize(("text", "message"), [
    ("2024 45", "Linje 1: skriv år og værdi adskilt af semikolon"),
    ("2024; fyrre", "Linje 1: “2024; fyrre” er ikke et år og et tal."),
    ("2024; 4\n2024; 5", "Linje 2: året 2024 står der allerede."),
    ("1800; 4", "Linje 1: året skal ligge mellem 2000 og 2100."),
])
def test_it_refuses_unreadable_manual_values_in_danish(text, message):
    with pytest.raises(ValidationError) as error:
        parse_manual_values(text)
    assert error.value.messages[0].startswith(message)


# --- Observed from the app's figures ------------------------------------------------------------------------

TODAY = date(2026, 6, 30)


@pytest.fixture
def internship_since_2022(make_intervention, editor_a):
    from interventions.models import Intervention

    running = Intervention.Status.RUNNING
    make_intervention(editor_a, 165, "supervisor-training", status=running, start_date=date(2022, 3, 1),
                      title="Praktikvejledere")
    make_intervention(editor_a, 165, "student-onboarding", status=running, start_date=date(2025, 1, 1),
                      title="Velkomst")


def _target(**fields) -> Target:
    values = {"municipality": Municipality.objects.get(code=165), "indicator": Target.Indicator.COVERAGE_INTERNSHIP,
              "baseline_value": D("16.7"), "baseline_year": 2023, "target_value": D(50), "target_year": 2027,
              "source": "Rekrutteringsstrategi 2024–2027, s. 4"}
    values.update(fields)
    return Target.objects.create(**values)


@pytest.mark.django_db
def test_it_measures_a_coverage_target_against_coverage_over_time(internship_since_2022):
    from indicators.targets.page import targets_page

    _target()
    # Coverage of the internship's 6 types: 1/6 in 2022–2024, 2/6 = 33,3 % from 2025.
    # Needed (50 − 16,7) / 4 = 8,325 a year; observed (33,33 − 16,7) / 3 = 5,54 → ratio 0,67: accelerate.
    item = targets_page(Municipality.objects.get(code=165), TODAY).items[0]
    assert item.progress.status == ACCELERATE
    assert item.progress.latest_year == 2026
    assert round(item.progress.observed_per_year, 2) == D("5.54")
    assert round(item.progress.needed_per_year, 3) == D("8.325")


@pytest.mark.django_db
def test_it_draws_the_target_and_its_path_on_the_coverage_over_time_chart(internship_since_2022):
    from indicators.dashboards.coverage_history import coverage_history_page

    _target()
    page = coverage_history_page(Municipality.objects.select_related("region").get(code=165), "year", TODAY)
    chart = next(chart for chart in page.charts if chart.id == "history-through-internship")
    path = next(trace for trace in chart.figure["data"] if trace["name"].startswith("Mål:"))
    assert (path["x"], path["y"]) == ([2023, 2027], [16.7, 50.0])
    assert path["marker"]["symbol"] == ["circle-open", "star"]
    assert 2027 in chart.figure["layout"]["xaxis"]["tickvals"]
    assert any("til 50 i 2027" in note and "skal accelerere" in note for note in chart.notes)
    other = next(chart for chart in page.charts if chart.id == "history-into-education")
    assert not any(trace["name"].startswith("Mål:") for trace in other.figure["data"])


@pytest.mark.django_db
def test_it_measures_a_workforce_target_and_draws_it_on_the_workforce_chart(chef_client, import_file):
    from tests.conftest import csv_bytes

    import_file("workforce", csv_bytes([
        ["aar", "kommunekode", "paedagoger", "paedagogiske_assistenter", "paedagogmedhjaelpere", "fratraadte"],
        [2023, 165, 60, 20, 20, 9], [2024, 165, 62, 19, 19, 8], [2025, 165, 65, 18, 17, 7]]))
    # Pedagogue share: 60 % (2023) → 65 % (2025) = 2,5 a year; the target 60 → 70 by 2027 needs 2,5: on track.
    _target(indicator=Target.Indicator.PEDAGOGUE_SHARE, baseline_value=60, baseline_year=2023, target_value=70)
    html = chef_client.get("/municipalities/165/targets/").content.decode()
    assert 'data-status="on-track"' in html and "på vej" in html
    dashboard = chef_client.get("/municipalities/165/").content.decode()
    workforce = figure_json(dashboard, "workforce-shares-data")
    path = next(trace for trace in workforce["data"] if trace["name"].startswith("Mål:"))
    assert (path["x"], path["y"]) == ([2023, 2027], [60.0, 70.0])


# --- The pages --------------------------------------------------------------------------------------------

FORM = {"indicator": "custom", "custom_label": "Dagtilbud med uddannet praktikvejleder (%)",
        "manual_values": "2024; 40\n2025; 55", "baseline_value": "40", "baseline_year": "2024", "target_value": "100",
        "target_year": "2027", "direction": "higher", "source": "Ishøjs rekrutteringsstrategi, s. 4"}


def _state() -> tuple:
    return (list(Target.objects.order_by("pk").values_list("pk", "target_value", "version")), Target.history.count())


@pytest.mark.django_db
def test_it_creates_a_target_with_manual_values_and_shows_its_status(editor_a_client):
    response = editor_a_client.post("/municipalities/165/targets/new/", FORM)
    assert response.status_code == 302 and response["Location"] == "/municipalities/165/targets/"
    target = Target.objects.get()
    assert (target.municipality.code, target.label, target.version) == (165, FORM["custom_label"], 1)
    assert target.history.get().history_user.username == "hr-a"
    html = editor_a_client.get("/municipalities/165/targets/").content.decode()
    # Needed (100 − 40) / 3 = 20 a year; observed (55 − 40) / 1 = 15 → 0,75: accelerate.
    assert 'data-status="accelerate"' in html and "skal accelerere" in html
    assert "20,0 / 15,0" in html
    assert "Sådan beregnes status" in html and "mindst 95 %" in html
    chart = figure_json(html, f"target-{target.pk}-data")
    assert chart["data"][0]["x"] == [2024, 2025] and chart["data"][1]["y"] == [40.0, 100.0]


@pytest.mark.django_db
def test_it_downloads_the_targets_as_csv(editor_a_client):
    editor_a_client.post("/municipalities/165/targets/new/", FORM)
    body = editor_a_client.get("/municipalities/165/targets/", {"csv": "targets"}).content.decode("utf-8-sig")
    header, row = body.splitlines()[:2]
    assert header.startswith('"Hvad måles";"Udgangsværdi";"Udgangsår";"Målværdi"')
    assert row == ('"Dagtilbud med uddannet praktikvejleder (%)";40,0;2024;100,0;2027;"Højere er bedre";55,0;2025;'
                   '20,0;15,0;"skal accelerere";"Ishøjs rekrutteringsstrategi, s. 4"')


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field", "message"), [
    ({"target_year": "2023"}, "target_year", "Målåret skal ligge efter udgangsåret."),
    ({"direction": "lower"}, "direction", "Målværdien skal ligge i den retning, der er bedre"),
    ({"custom_label": ""}, "custom_label", "Skriv, hvad din egen indikator måler."),
    ({"manual_values": "2024: 40"}, "manual_values", "Linje 1: skriv år og værdi adskilt af semikolon"),
    ({"indicator": "pedagogue-share"}, "manual_values", "Egne tal kan kun angives for en egen indikator"),
])
def test_it_refuses_a_bad_target_in_danish_and_changes_nothing(editor_a_client, change, field, message):
    before = _state()
    response = editor_a_client.post("/municipalities/165/targets/new/", {**FORM, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _state() == before


@pytest.mark.django_db
def test_it_saves_an_edit_and_keeps_the_history(editor_a_client):
    editor_a_client.post("/municipalities/165/targets/new/", FORM)
    target = Target.objects.get()
    response = editor_a_client.post(f"/municipalities/165/targets/{target.pk}/edit/",
                                    {**FORM, "target_value": "90", "version": "1"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.target_value, target.version) == (D(90), 2)
    assert [record.target_value for record in target.history.order_by("history_date")] == [D(100), D(90)]
    html = editor_a_client.get(f"/municipalities/165/targets/{target.pk}/edit/").content.decode()
    assert "Historik" in html and "90 i 2027 (version 2)" in html and "100 i 2027 (version 1)" in html


@pytest.mark.django_db
def test_it_refuses_a_save_from_an_older_version_and_shows_the_other_persons_values(editor_a_client):
    editor_a_client.post("/municipalities/165/targets/new/", FORM)
    target = Target.objects.get()
    # Someone else saves first (version 1 → 2).
    target.target_value = D(80)
    target.save()
    before = _state()
    response = editor_a_client.post(f"/municipalities/165/targets/{target.pk}/edit/",
                                    {**FORM, "target_value": "95", "version": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "En anden har gemt ændringer i målet" in html
    assert "<dt>Målværdi</dt><dd>80.00</dd>" in html or "<dt>Målværdi</dt><dd>80</dd>" in html
    assert 'name="target_value" value="95"' in html  # the user's input is kept
    assert 'name="version" value="2"' in html  # saving again is a deliberate choice
    assert _state() == before
    again = editor_a_client.post(f"/municipalities/165/targets/{target.pk}/edit/",
                                 {**FORM, "target_value": "95", "version": "2"})
    assert again.status_code == 302
    target.refresh_from_db()
    assert (target.target_value, target.version) == (D(95), 3)


@pytest.mark.django_db
def test_it_lets_viewers_read_but_not_write(client, chef, editor_b, editor_a):
    target = _target()
    client.force_login(chef)
    html = client.get("/municipalities/165/targets/").content.decode()
    assert "Rekrutteringsstrategi 2024–2027, s. 4" in html and "Nyt mål" not in html and "Rediger" not in html
    before = _state()
    for user in (chef, editor_b):
        client.force_login(user)
        assert client.post("/municipalities/165/targets/new/", FORM).status_code == 403
        assert client.post(f"/municipalities/165/targets/{target.pk}/edit/", {**FORM, "version": "1"}
                           ).status_code == 403
    # An editor of Ishøj cannot reach Albertslund's target through Ishøj's address either.
    assert client.get(f"/municipalities/183/targets/{target.pk}/edit/").status_code == 404
    assert _state() == before


@pytest.mark.django_db
def test_it_shows_an_empty_list_and_links_from_the_dashboard(chef_client):
    html = chef_client.get("/municipalities/165/targets/").content.decode()
    assert "Albertslund har ingen mål registreret endnu." in html
    assert 'href="/municipalities/165/targets/"' in chef_client.get("/municipalities/165/").content.decode()


@pytest.mark.django_db
def test_it_refuses_delete_methods(chef_client):
    assert chef_client.delete("/municipalities/165/targets/").status_code == 405


@pytest.mark.django_db
def test_it_reads_the_targets_page_in_a_constant_number_of_queries(internship_since_2022):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indicators.targets.page import targets_page

    albertslund = Municipality.objects.select_related("region").get(code=165)

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            targets_page(albertslund, TODAY)
        return len(queries)

    kinds = [Target.Indicator.COVERAGE_INTERNSHIP, Target.Indicator.PEDAGOGUE_SHARE, Target.Indicator.PRACTICUM_RETURN]
    for kind in kinds:
        _target(indicator=kind, baseline_value=20, target_value=50)
    _target(indicator=Target.Indicator.CUSTOM, custom_label="Eget", manual_values="2024; 30")
    few = count()
    for kind in kinds * 3:
        _target(indicator=kind, baseline_value=20, target_value=60)
    assert count() == few


@pytest.mark.django_db
def test_it_draws_targets_on_the_yearly_view_only(internship_since_2022):
    from indicators.dashboards.coverage_history import coverage_history_page

    _target()
    page = coverage_history_page(Municipality.objects.select_related("region").get(code=165), "quarter", TODAY)
    assert not any(trace["name"].startswith("Mål:") for chart in page.charts for trace in chart.figure["data"])
