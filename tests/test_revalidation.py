"""A repeat load of an unchanged page is a 304 without a body (recruitment/revalidation.py)."""

from __future__ import annotations

import pytest

from interventions.models import Intervention, InterventionType

pytestmark = pytest.mark.django_db

DASHBOARD = "/municipalities/165/"


def test_a_page_is_kept_private_and_revalidated(chef_client):
    first = chef_client.get(DASHBOARD)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and len(first["ETag"]) == 34
    assert set(first["Cache-Control"].split(", ")) == {"private", "no-cache"}


def test_an_unchanged_page_is_not_sent_again_and_keeps_the_policy_the_browser_stored(chef_client):
    first = chef_client.get(DASHBOARD)
    again = chef_client.get(DASHBOARD, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    # The nonce in the kept page is the first answer's: a new policy would block the page's styles.
    assert "Content-Security-Policy" in first and "Content-Security-Policy" not in again
    # Every answer has its own nonce and CSRF token, yet the same tag.
    third = chef_client.get(DASHBOARD)
    assert third.content != first.content and third["ETag"] == first["ETag"]


def test_the_weak_tag_a_compressed_answer_carries_is_accepted(chef_client):
    first = chef_client.get(DASHBOARD, headers={"Accept-Encoding": "gzip"})
    assert first["Content-Encoding"] == "gzip" and first["ETag"].startswith('W/"')
    again = chef_client.get(DASHBOARD, headers={"Accept-Encoding": "gzip", "If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_a_changed_page_is_sent_whole(chef_client, albertslund_known):
    tag = chef_client.get(DASHBOARD)["ETag"]
    Intervention.objects.create(municipality_id=Intervention.objects.first().municipality_id, title="Ny",
                                status=Intervention.Status.RUNNING,
                                intervention_type=InterventionType.objects.get(slug="placement-evaluation"))
    changed = chef_client.get(DASHBOARD, headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed["ETag"] != tag


def test_another_user_or_a_new_login_never_gets_a_page_confirmed(client, chef, editor_a):
    client.force_login(chef)
    tag = client.get(DASHBOARD)["ETag"]
    client.force_login(editor_a)  # another user; a login also gives a new CSRF secret
    assert client.get(DASHBOARD, headers={"If-None-Match": tag}).status_code == 200
    client.logout()
    client.force_login(chef)
    client.cookies.pop("csrftoken", None)  # the browser's new login: a new CSRF secret
    again = client.get(DASHBOARD, headers={"If-None-Match": tag})
    assert again.status_code == 200 and again["ETag"] != tag


def test_downloads_and_writes_are_left_alone(editor_a_client):
    csv = editor_a_client.get(f"{DASHBOARD}coverage.csv")
    assert "ETag" not in csv
    listed = editor_a_client.get(f"{DASHBOARD}interventions/")
    post = editor_a_client.post(f"{DASHBOARD}interventions/new/", {"title": ""},
                                headers={"If-None-Match": listed["ETag"]})
    assert post.status_code == 200 and "ETag" not in post
