"""/tilgaengelighed/: the accessibility statement, public and linked from every page's footer."""

import pytest

from tests.pages import text

pytestmark = pytest.mark.django_db


def test_it_shows_the_statement_to_anyone_in_danish(client):
    response = client.get("/tilgaengelighed/")
    assert response.status_code == 200
    page = text(response.content.decode())
    assert "Tilgængelighedserklæring" in page
    assert "WCAG 2.1 på niveau AA" in page
    for heading in ["Sådan tester vi", "Kendte begrænsninger", "Kontakt"]:
        assert heading in page
    assert "axe-core" in page and "tabulatortasten" in page
    assert "kontakt den administrator i din kommune" in page


def test_it_gives_the_contact_address_when_one_is_configured(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tilgaengelighed@albertslund.dk"
    html = client.get("/tilgaengelighed/").content.decode()
    assert '<a href="mailto:tilgaengelighed@albertslund.dk">tilgaengelighed@albertslund.dk</a>' in html


def test_it_links_the_statement_from_the_footer_of_every_page(chef_client):
    from django.test import Client

    assert 'href="/tilgaengelighed/"' in Client().get("/accounts/login/").content.decode()
    assert 'href="/tilgaengelighed/"' in chef_client.get("/municipalities/165/").content.decode()
