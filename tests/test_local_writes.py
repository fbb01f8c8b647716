"""A save that changes only what a municipality's own pages show (an intervention's title, participants, budget,
…: Intervention.LOCAL_FIELDS) recomputes only that municipality's pages (the load test's consultants
save participant numbers all the time, and each save used to recompute every page of every municipality).

Proved both ways: such a save leaves every other page exactly as it was (rendered afresh, with the cache
emptied), and shows on the municipality's own pages on the next request; any other change moves the national
version, so every page is recomputed.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.cache import cache

from indicators.models import DataImport
from interventions.models import Intervention
from recruitment import data_version
from recruitment.models import Municipality, TargetGroup
from tests.conftest import ALBERTSLUND, ISHOEJ, edit_form
from tests.pages import find_all, text
from tests.test_imported_sections import _answers

pytestmark = pytest.mark.django_db

# A new value for each field a consultant edits that only Albertslund's own pages show.
LOCAL_CHANGES: dict[str, object] = {
    "title": "Praktikvejlederuddannelse, nyt hold", "partners": "UC Lillebælt", "participants_planned": 41,
    "participants_actual": 17, "budget_dkk": 250000, "description": "En ny beskrivelse.", "results": "Nye resultater.",
}


def _other_pages() -> list[str]:
    """Every page that shows Albertslund's coverage and is cached by the national version alone: its region
    neighbour Ishøj's, the national ones, the comparisons, and Albertslund's coverage panel and coverage.csv
    (counts only). The comparison of all comes first: it is remembered as the user's
    choice, which the pages after it follow, in both renderings."""
    region = Municipality.objects.get(code=ISHOEJ).region.code
    own = f"/municipalities/{ISHOEJ}"
    return ["/compare/?sammenlign=alle", "/compare/", "/", f"{own}/", f"{own}/?planned=1",
            *(f"{own}/pathways/{slug}/" for slug in ("into-education", "through-internship", "stay-in-job")),
            f"{own}/coverage/history/", f"{own}/coverage/history/?period=quarter", f"{own}/coverage/panel/",
            f"{own}/coverage.csv", f"{own}/interventions/", f"{own}/similar/", f"{own}/projection/",
            f"/regions/{region}/projection/", "/projection/", "/national/charts.csv?csv=national-through-internship",
            f"/municipalities/{ALBERTSLUND}/coverage/panel/", f"/municipalities/{ALBERTSLUND}/coverage.csv"]


_PER_REQUEST = re.compile(r'nonce="[^"]*"|(?<=name="csrfmiddlewaretoken" value=")[^"]*|(?<="x-csrftoken": ")[^"]*')


def _fresh(client, paths: list[str]) -> dict[str, str]:
    """The pages computed afresh (nothing cached), without what changes on every request."""
    cache.clear()
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = _PER_REQUEST.sub("", response.content.decode())
    return pages


@pytest.fixture
def edited(albertslund_known, add_intervention):
    """Albertslund's running supervisor training, dated so that it marks the trend lines, and two of Ishøj's."""
    add_intervention(ISHOEJ, Intervention.Status.RUNNING, "supervisor-training")
    add_intervention(ISHOEJ, Intervention.Status.PLANNED, "student-onboarding")
    intervention = Intervention.objects.get(municipality__code=ALBERTSLUND,
                                            intervention_type__slug="supervisor-training")
    intervention.start_date = date(2024, 3, 1)
    intervention.participants_planned = 12
    intervention.save()
    return Intervention.objects.get(pk=intervention.pk)


def test_every_field_the_form_edits_is_either_local_and_tested_here_or_national():
    editable = {f.name for f in Intervention._meta.concrete_fields if f.editable and not f.primary_key}
    assert editable & Intervention.LOCAL_FIELDS == LOCAL_CHANGES.keys()
    # The rest move the national version: what coverage, the averages and the time lines are computed from.
    assert editable - Intervention.LOCAL_FIELDS == {"municipality", "intervention_type", "status", "start_date",
                                                    "end_date"}


@pytest.mark.parametrize("field", LOCAL_CHANGES)
def test_a_local_change_leaves_every_other_page_as_it_was(client, chef, editor_a, edited, field):
    client.force_login(chef)
    paths = _other_pages()
    before = _fresh(client, paths)
    national, own = data_version.current(), data_version.for_municipality(edited.municipality_id)
    editor = type(client)()
    editor.force_login(editor_a)
    response = editor.post(f"/interventions/{edited.pk}/edit/",
                           edit_form(edited, edited.version, **{field: LOCAL_CHANGES[field]}))
    assert response.status_code == 302
    assert getattr(Intervention.objects.get(pk=edited.pk), field) == LOCAL_CHANGES[field]
    assert data_version.current() == national
    assert data_version.for_municipality(edited.municipality_id) != own
    after = _fresh(client, paths)
    for path in paths:
        assert after[path] == before[path], path


def practicum_trend() -> None:
    """Practicum evaluations in Albertslund for two years, so that its dashboard has a trend chart that marks an
    intervention's start by its title."""
    record = DataImport.objects.create(kind="practicum-evaluations", file_name="evalueringer.csv", sha256="0" * 64,
                                       size_bytes=1, status=DataImport.Status.SUCCEEDED)
    _answers(record, ALBERTSLUND, 2023, helt_enig=5)
    _answers(record, ALBERTSLUND, 2024, helt_enig=6)


def test_a_new_title_shows_on_the_municipalitys_own_pages_on_the_next_request(client, editor_a, edited):
    practicum_trend()
    client.force_login(editor_a)
    own = f"/municipalities/{ALBERTSLUND}"
    paths = [f"{own}/", f"{own}/pathways/through-internship/", f"{own}/coverage/history/", f"{own}/interventions/"]
    for path in paths:
        client.get(path)  # stored
        assert "Praktikvejlederuddannelse, nyt hold" not in client.get(path).content.decode()
    response = client.post(f"/interventions/{edited.pk}/edit/",
                           edit_form(edited, edited.version, title="Praktikvejlederuddannelse, nyt hold"))
    assert response.status_code == 302
    for path in paths:
        assert "Praktikvejlederuddannelse, nyt hold" in client.get(path).content.decode(), path


@pytest.mark.parametrize("change", [
    {"status": "ended", "end_date": "2025-06-30"}, {"start_date": "2023-01-01"}, {"intervention_type": ""},
    {"target_groups": "new-graduates"},
], ids=lambda change: "+".join(change))
def test_any_other_change_moves_the_national_version(client, editor_a, edited, change):
    client.force_login(editor_a)
    if "target_groups" in change:
        change = {"target_groups": [str(TargetGroup.objects.get(slug=change["target_groups"]).pk),
                                    *(str(g.pk) for g in edited.target_groups.all())]}
    national = data_version.current()
    response = client.post(f"/interventions/{edited.pk}/edit/", edit_form(edited, edited.version, **change))
    assert response.status_code == 302
    assert data_version.current() != national


def test_a_new_and_a_deleted_intervention_move_the_national_version(editor_a, make_intervention):
    national = data_version.current()
    made = make_intervention(editor_a, ALBERTSLUND, None, ("students",), title="Lokal indsats")
    assert data_version.current() != national
    national = data_version.current()
    made.delete_checked(editor_a, made.version)
    assert data_version.current() != national


def _row(html: str, intervention: Intervention) -> str:
    (row,) = find_all(html, "tr", id=f"intervention-{intervention.pk}")
    return text(row)


def test_the_list_renders_a_saved_row_anew_and_a_row_follows_the_catalogue(client, editor_a, edited):
    """The list keeps each row rendered by its intervention's version and the national version."""
    client.force_login(editor_a)
    url = f"/municipalities/{ALBERTSLUND}/interventions/"
    other = Intervention.objects.get(municipality__code=ALBERTSLUND, title="Seniorsamtaler")
    html = client.get(url).content.decode()
    assert "– / 12" in _row(html, edited) and "Seniorpædagoger (55+)" in _row(html, other)
    response = client.post(f"/interventions/{edited.pk}/edit/", edit_form(edited, edited.version,
                                                                          participants_planned=41))
    assert response.status_code == 302
    assert "– / 41" in _row(client.get(url).content.decode(), edited)
    seniors = TargetGroup.objects.get(slug="seniors")
    seniors.name = "Erfarne pædagoger"
    seniors.save()  # the catalogue: a national change
    assert "Erfarne pædagoger" in _row(client.get(url).content.decode(), other)


def test_a_stored_row_still_shows_each_user_what_they_may_do(client, chef, editor_a, edited):
    url = f"/municipalities/{ALBERTSLUND}/interventions/"
    for first, second in [(chef, editor_a), (editor_a, chef)]:
        client.force_login(first)
        rows = {first: _row(client.get(url).content.decode(), edited)}
        client.force_login(second)
        rows[second] = _row(client.get(url).content.decode(), edited)
        assert "Rediger" in rows[editor_a] and "Rediger" not in rows[chef]
