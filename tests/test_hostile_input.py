"""Input built to hurt gets a calm answer, not a 500: digits that str.isdigit() accepts but
int() refuses, and ids too large for the database in a form's choices."""

import pytest

from interventions.models import Intervention

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"  # 2**63: one past the largest 64-bit key


@pytest.mark.parametrize("query", ["²", "①", "¹⁶⁵", "٣", "99999999999999999999999"])
def test_the_municipality_search_takes_any_digits(chef_client, query):
    response = chef_client.get("/", {"q": query})
    assert response.status_code == 200
    assert "Ingen kommuner" in response.content.decode() or "kommune" in response.content.decode()


def test_the_municipality_search_still_finds_a_code(chef_client):
    html = chef_client.get("/", {"q": "165"}).content.decode()
    assert "Albertslund" in html and "Ishøj" not in html


@pytest.mark.parametrize("field", ["target_groups", "intervention_type"])
@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "1" * 40])
def test_a_huge_id_in_the_intervention_form_is_an_invalid_choice(editor_a_client, field, value):
    data = {"title": "Forfalsket", "target_groups": ["1"], "status": "planned", field: value}
    response = editor_a_client.post("/municipalities/165/interventions/new/", data)
    assert response.status_code == 200
    assert not Intervention.objects.filter(title="Forfalsket").exists()
    assert "Vælg" in response.content.decode()


def test_a_huge_id_in_the_admin_forms_is_an_invalid_choice(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/interventions/intervention/add/",
                           {"municipality": "1", "title": "Forfalsket", "target_groups": [HUGE], "status": "planned"})
    assert response.status_code == 200
    response = client.post("/admin/interventions/inspirationcase/add/",
                           {"municipality": "1", "title": "Forfalsket", "target_group": "1",
                            "intervention_types": [HUGE], "description": "x", "source": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/", "/municipalities/165/", "/municipalities/165/pathways/through-internship/",
                                  "/compare/", "/municipalities/165/interventions/"])
def test_a_nul_character_in_the_query_gets_a_danish_400(chef_client, path):
    """PostgreSQL's text cannot hold NUL: compared with a stored text (the remembered comparison) it was a 500."""
    response = chef_client.get(path, {"sammenlign": "a\x00b", "q": "x"})
    assert response.status_code == 400
    assert "Adressen indeholder et tegn, der ikke kan bruges" in response.content.decode()
    assert chef_client.get(path, {"q": "x"}).status_code == 200  # the same address without it


def test_a_nul_character_in_an_api_query_gets_json(chef_client):
    response = chef_client.get("/api/v1/interventions/", {"status": "a\x00b"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Adressen indeholder et tegn, der ikke kan bruges (NUL)."}
