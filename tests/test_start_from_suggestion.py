""""Start denne indsats" on the dashboard: the form opens with where it came from, and a save returns there with the
saved message; an address off the site is never followed. The list says which participant count is which."""

import pytest

from interventions.models import Intervention
from tests.intervention_edits import HTMX
from tests.intervention_form_data import NEW, form_data
from tests.pages import text

pytestmark = pytest.mark.django_db

# The dashboard's top, where the saved message shows (base.html) above the verdicts it may have changed.
BACK = "/municipalities/165/"


def test_the_dashboards_start_link_names_the_way_back(editor_a_client, albertslund_known):
    html = editor_a_client.get("/municipalities/165/").content.decode()
    assert "&amp;status=running&amp;next=/municipalities/165/\"" in html


def test_the_form_carries_the_way_back_and_cancels_to_it(editor_a_client):
    query = {"type": "placement-evaluation", "status": "running", "next": BACK}
    html = editor_a_client.get(NEW, query).content.decode()
    assert f'<input type="hidden" name="next" value="{BACK}">' in html
    assert f'<a class="button secondary" href="{BACK}">Fortryd</a>' in html


def test_a_save_returns_to_the_dashboard_with_the_saved_message(editor_a_client):
    response = editor_a_client.post(NEW, form_data(next=BACK))
    assert response.status_code == 302 and response["Location"] == BACK
    page = text(editor_a_client.get("/municipalities/165/").content.decode())
    assert "Indsatsen “Uddannelse af praktikvejledere 2025” er oprettet." in page
    # htmx posts the form in place: the whole page goes back (HX-Redirect), the message waits there.
    response = editor_a_client.post(NEW, form_data(title="Anden indsats", next=BACK), headers=HTMX)
    assert response.status_code == 200 and response["HX-Redirect"] == BACK
    assert Intervention.objects.filter(title="Anden indsats").exists()


@pytest.mark.parametrize("elsewhere", ["https://example.com/", "//example.com/x", "javascript:alert(1)", ""])
def test_an_address_off_the_site_is_ignored_and_the_usual_ending_applies(editor_a_client, elsewhere):
    response = editor_a_client.post(NEW, form_data(next=elsewhere))
    intervention = Intervention.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/interventions/{intervention.pk}/"


def test_the_list_says_which_participant_count_is_which(editor_a_client, make_intervention, editor_a):
    """12 took part of 20 planned; one with neither shows a dash."""
    make_intervention(editor_a, 165, "placement-evaluation", status=Intervention.Status.RUNNING,
                      participants_actual=12, participants_planned=20)
    make_intervention(editor_a, 165, "supervisor-network", status=Intervention.Status.PLANNED)
    words = text(editor_a_client.get("/municipalities/165/interventions/").content.decode())
    assert "12 deltaget / 20 planlagt" in words
    assert "hvor mange der har deltaget, og hvor mange der var planlagt" in words
