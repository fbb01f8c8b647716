"""Targets: the pages (list with status and CSV, create, edit with optimistic locking and history, who may
write, the units). The status on constructed series and a target's rules: tests/test_target_status.py; targets
observed from the app's figures and drawn on their charts: tests/test_target_charts.py."""

from decimal import Decimal

import pytest

from indicators.models import Target
from tests.pages import figure_json, text
from tests.target_samples import albertslund_target

D = Decimal


# --- The pages --------------------------------------------------------------------------------------------

FORM = {"indicator": "custom", "custom_label": "Dagtilbud med uddannet praktikvejleder", "custom_unit": "%",
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
    assert header.startswith('"Hvad måles";"Enhed";"Udgangsværdi";"Udgangsår";"Målværdi"')
    assert row == ('"Dagtilbud med uddannet praktikvejleder";"%";40,0;2024;100,0;2027;"Højere er bedre";55,0;2025;'
                   '20,0;15,0;"skal accelerere";"Ishøjs rekrutteringsstrategi, s. 4"')


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field", "message"), [
    ({"target_year": "2023"}, "target_year", "Målåret skal ligge efter udgangsåret."),
    ({"direction": "lower"}, "direction", "Målværdien skal ligge i den retning, der er bedre"),
    ({"custom_label": ""}, "custom_label", "Skriv, hvad din egen indikator måler."),
    ({"custom_unit": ""}, "custom_unit", "Vælg, hvad din egen indikator tæller: procent, årsværk, personer"),
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
    target = albertslund_target()
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
def test_every_value_carries_its_unit_and_the_page_says_who_sets_targets(editor_a_client, chef):
    """An own indicator counted in FTE: 12 → 20 årsværk from 2024 to 2027, measured 14 in 2025: needed (20 − 12) / 3 =
    2,7 a year, observed 2,0. An app indicator is a share, in %. A unit left chosen when switching to an app
    indicator is not kept."""
    fte = {**FORM, "custom_label": "Pædagoger ansat via praktik", "custom_unit": "årsværk",
           "manual_values": "2024; 12\n2025; 14", "baseline_value": "12", "target_value": "20"}
    assert editor_a_client.post("/municipalities/165/targets/new/", fte).status_code == 302
    share = {**FORM, "indicator": "pedagogue-share", "custom_unit": "personer", "manual_values": "",
             "baseline_value": "40", "target_value": "60"}
    assert editor_a_client.post("/municipalities/165/targets/new/", share).status_code == 302
    assert list(Target.objects.order_by("pk").values_list("custom_unit", flat=True)) == ["årsværk", ""]
    editor_words = text(editor_a_client.get("/municipalities/165/targets/").content.decode())
    assert "Du kan sætte mål for Albertslund" in editor_words
    editor_a_client.force_login(chef)
    html = editor_a_client.get("/municipalities/165/targets/").content.decode()
    words = text(html)
    assert "12\u00a0årsværk (2024)" in html and "20\u00a0årsværk (2027)" in html and "14\u00a0årsværk (2025)" in html
    assert "2,7 / 2,0 årsværk" in words
    assert "40\u00a0% (2024)" in html and "60\u00a0% (2027)" in html
    fte_chart = figure_json(html, f"target-{Target.objects.first().pk}-data")
    assert fte_chart["layout"]["yaxis"]["title"]["text"] == "Målt værdi (årsværk)"
    # The chef reads; the page tells her who sets targets, and Open SDG is named only in the method.
    assert "Målene sættes af Albertslunds redaktører i Pædagoger nok" in words
    assert words.count("Open SDG") == 1 and words.index("Open SDG") > words.index("Sådan beregnes status")
