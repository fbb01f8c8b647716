"""Fragment or whole page (recruitment.rendering): every page htmx updates in place answers an htmx request with
its fragment, anything else – htmx restoring history included – with the whole page, and says `Vary: HX-Request`
either way, so going Back never shows a bare fragment from the browser's cache."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
RESTORE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


@pytest.fixture
def pages(make_intervention, editor_a, admin_user, import_file):
    intervention = make_intervention(editor_a, type_slug="supervisor-training", status="running")
    record = import_file("workforce", b"aar;kommunekode;paedagoger\n2024;165;100\n", "personale.csv", admin_user)
    return {
        "/": editor_a, "/?q=alb": editor_a, "/municipalities/165/": editor_a,
        "/municipalities/165/pathways/through-internship/": editor_a, "/compare/?sort=name&dir=desc": editor_a,
        "/municipalities/165/interventions/": editor_a, "/municipalities/165/interventions/new/": editor_a,
        f"/interventions/{intervention.pk}/": editor_a, f"/interventions/{intervention.pk}/edit/": editor_a,
        f"/interventions/{intervention.pk}/delete/": editor_a,
        "/imports/": admin_user, f"/imports/{record.pk}/": admin_user,
    }


def _is_whole_page(html: str) -> bool:
    return html.lstrip().lower().startswith("<!doctype html>")


def test_it_answers_htmx_with_the_fragment_and_everything_else_with_the_page(client, pages):
    for path, user in pages.items():
        client.force_login(user)
        page, fragment, restored = (client.get(path, **headers) for headers in ({}, HTMX, RESTORE))
        assert [page.status_code, fragment.status_code, restored.status_code] == [200, 200, 200], path
        assert _is_whole_page(page.content.decode()), path
        assert not _is_whole_page(fragment.content.decode()), path
        assert _is_whole_page(restored.content.decode()), path  # Back after a history-cache miss


def test_it_says_that_the_answer_varies_with_hx_request(client, pages):
    for path, user in pages.items():
        client.force_login(user)
        for headers in ({}, HTMX):
            vary = {value.strip().lower() for value in client.get(path, **headers).get("Vary", "").split(",")}
            assert "hx-request" in vary, (path, headers)
