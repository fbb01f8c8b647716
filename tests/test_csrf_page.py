"""A form refused by the CSRF check gets a Danish page in the site's layout with a way back."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_login_without_its_csrf_token_gets_the_danish_page(chef):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "chef-test", "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="da">' in html and '<header class="site-header">' in html
    assert "Formularen kunne ikke sendes" in html and "Intet er gemt." in html
    assert 'href="/"' in html and 'href="/accounts/login/"' in html
    assert "CSRF verification failed" not in html and "Forbidden" not in html
    assert "_auth_user_id" not in client.session


def test_it_links_back_to_the_page_the_form_was_on(editor_a, make_intervention):
    intervention = make_intervention(editor_a, title="Mentorordning")
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    response = client.post(f"/interventions/{intervention.pk}/delete/", {"version": "1"},
                           headers={"Referer": f"http://testserver/interventions/{intervention.pk}/delete/"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<a href="http://testserver/interventions/{intervention.pk}/delete/">Tilbage til siden</a>' in html
    intervention.refresh_from_db()  # still there


def test_it_never_links_back_to_another_site(chef):
    client = Client(enforce_csrf_checks=True)
    html = client.post("/accounts/login/", {}, headers={"Referer": "https://evil.example/"}).content.decode()
    assert "evil.example" not in html and "Gå til forsiden" in html
