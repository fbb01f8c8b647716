"""Partner municipalities on an intervention and the contact for knowledge sharing.

The rule (interventions/partners.py): an intervention counts for each partner's coverage as for its owner's, only
the owner's editors change it, the owner is never its own partner. Hand computations:
- Albertslund (165) runs one supervisor-training intervention with Ishøj (183) as partner. Ishøj has registered
  nothing of its own: through "through-internship" (6 catalogue types with an EVA share) it runs 1 of 6 = 16.7 %,
  it now reports, and its one target group of the pathway's supervisors is reached by 1 intervention.
- A planned one with Ishøj as partner counts for Ishøj only when plans are asked for: 2 of 6 = 33.3 %.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache

from indicators.coverage import load_catalogue, municipality_coverage, reporting_ids
from indicators.numbers import round1
from indicators.regions import region_page
from indicators.timeline import read_spells
from interventions.models import Intervention, KnowledgeContact
from interventions.partners import set_partners
from recruitment.models import Municipality, region_by_slug

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def shared(make_intervention, editor_a) -> Intervention:
    intervention = make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                     start_date=date(2025, 3, 1), title="Fælles vejlederkursus")
    set_partners(intervention, [Municipality.objects.get(code=183)], intervention.version)
    return intervention


def _internship(code: int, include_planned: bool = False):
    coverage = municipality_coverage(Municipality.objects.get(code=code), include_planned, load_catalogue())
    return coverage.pathway("through-internship")


def test_a_shared_intervention_counts_for_the_partners_coverage_and_reporting(shared):
    ishoej = Municipality.objects.get(code=183)
    assert ishoej.pk in reporting_ids(load_catalogue())
    internship = _internship(183)
    assert (internship.active_types, internship.catalogue_types) == (1, 6)
    assert round1(internship.coverage_pct) == Decimal("16.7")
    assert internship.interventions == 1
    assert round1(_internship(165).coverage_pct) == Decimal("16.7")  # the owner keeps it
    assert Municipality.objects.get(code=167).pk not in reporting_ids(load_catalogue())  # Hvidovre: neither


def test_a_planned_shared_intervention_counts_only_with_plans(shared, make_intervention, editor_a):
    planned = make_intervention(editor_a, type_slug="student-onboarding", status="planned", title="Fælles velkomst")
    set_partners(planned, [Municipality.objects.get(code=183)], planned.version)
    assert round1(_internship(183).coverage_pct) == Decimal("16.7")
    assert round1(_internship(183, include_planned=True).coverage_pct) == Decimal("33.3")


def test_the_partner_has_the_same_spell_as_the_owner(shared):
    spells = read_spells()
    ishoej = Municipality.objects.get(code=183)
    (spell,) = spells.by_municipality[ishoej.pk]
    assert (spell.intervention_id, spell.start, spell.end) == (shared.pk, date(2025, 3, 1), None)


def test_the_all_municipalities_endpoint_counts_the_partner_as_its_own_endpoint_does(chef_client, shared):
    everything = chef_client.get("/api/v1/coverage/", {"page_size": 1000}).json()["results"]
    ishoej = next(item for item in everything if item["municipality"] == 183)
    assert ishoej["pathways"] == chef_client.get("/api/v1/municipalities/183/coverage/").json()
    internship = next(p for p in ishoej["pathways"] if p["pathway"] == "through-internship")
    assert internship["catalogue_coverage_pct"] == 16.7
    listed = chef_client.get("/api/v1/interventions/", {"municipality": 165}).json()["results"]
    assert [(item["title"], item["partner_municipalities"]) for item in listed] == [("Fælles vejlederkursus", [183])]


def test_the_owners_editor_sets_the_partners(editor_a_client, make_intervention, editor_a):
    intervention = make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                     start_date=date(2025, 1, 1))
    ishoej, hvidovre = Municipality.objects.get(code=183), Municipality.objects.get(code=167)
    response = editor_a_client.post(f"/interventions/{intervention.pk}/partners/", {
        "partner_municipalities": [ishoej.pk, hvidovre.pk], "version": intervention.version})
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert sorted(m.code for m in intervention.partner_municipalities.all()) == [167, 183]
    assert intervention.version == 2  # a change of the intervention: a save from before it is refused
    page = editor_a_client.get(f"/interventions/{intervention.pk}/").content.decode()
    assert "Hvidovre</a>, <a" in page and "Ret partnerkommuner" in page


def test_the_owner_is_never_its_own_partner_and_nothing_changes(editor_a_client, shared):
    albertslund = Municipality.objects.get(code=165)
    response = editor_a_client.post(f"/interventions/{shared.pk}/partners/", {
        "partner_municipalities": [albertslund.pk], "version": shared.version})
    assert response.status_code == 200
    assert "en kommune kan ikke være partner i sin egen indsats" in response.content.decode()
    assert [m.code for m in shared.partner_municipalities.all()] == [183]


def test_a_save_from_an_older_version_is_refused_and_changes_nothing(editor_a_client, shared):
    """shared is at version 2 (created, then its partners set); a form opened at version 1 is refused."""
    response = editor_a_client.post(f"/interventions/{shared.pk}/partners/", {
        "partner_municipalities": [], "version": 1})
    html = response.content.decode()
    assert response.status_code == 200 and "ændret af en anden" in html and "Ishøj" in html
    assert [m.code for m in shared.partner_municipalities.all()] == [183]


def test_only_the_owners_editors_change_a_shared_intervention(client, shared, editor_b):
    """Ishøj's editor (a partner) reads it and counts it, but edits, deletes and repartners nothing."""
    client.force_login(editor_b)
    assert client.get(f"/interventions/{shared.pk}/").status_code == 200
    assert "Ret partnerkommuner" not in client.get(f"/interventions/{shared.pk}/").content.decode()
    for action in ["edit", "delete", "partners"]:
        assert client.get(f"/interventions/{shared.pk}/{action}/").status_code == 403
        assert client.post(f"/interventions/{shared.pk}/{action}/", {"partner_municipalities": [],
                                                                    "version": shared.version}).status_code == 403
    assert [m.code for m in shared.partner_municipalities.all()] == [183]
    assert Intervention.objects.filter(pk=shared.pk).exists()


def test_the_partners_list_names_what_it_runs_with_others(client, shared, editor_b):
    """Ishøj's list: nothing of its own, the shared one under "Indsatser, Ishøj er partner i", without edit links."""
    client.force_login(editor_b)
    html = client.get("/municipalities/183/interventions/").content.decode()
    assert "Indsatser, Ishøj er partner i" in html
    assert f'<a href="/interventions/{shared.pk}/">Fælles vejlederkursus</a> – Albertslund (i gang)' in html
    assert f"/interventions/{shared.pk}/edit/" not in html
    owner = client.get("/municipalities/165/interventions/").content.decode()
    assert "er partner i" not in owner


def test_the_regional_page_lists_the_shared_intervention_and_whom_to_ask(chef_client, shared):
    KnowledgeContact.objects.create(municipality=shared.municipality, name="Mette Madsen", role="HR-konsulent",
                                    email="mm@albertslund.dk")
    page = region_page(region_by_slug("hovedstaden"))
    assert [runner.intervention.pk for runner in page.learning.shared] == [shared.pk]
    training = next(item for item in page.learning.types if item.entry.intervention_type.slug == "supervisor-training")
    assert (training.running, training.municipalities) == (1, 2)  # Albertslund and its partner Ishøj
    html = chef_client.get("/regions/hovedstaden/").content.decode()
    assert "Fælles vejlederkursus</a> – Albertslund sammen med Ishøj" in html
    assert "Spørg Mette Madsen, HR-konsulent:" in html and 'href="mailto:mm@albertslund.dk"' in html


def test_the_regional_page_follows_a_new_contact_at_once(chef_client, shared):
    assert "Mette Madsen" not in chef_client.get("/regions/hovedstaden/").content.decode()
    KnowledgeContact.objects.create(municipality=shared.municipality, name="Mette Madsen", role="HR-konsulent",
                                    email="mm@albertslund.dk")
    assert "Mette Madsen" in chef_client.get("/regions/hovedstaden/").content.decode()  # not the cached body


def test_the_editor_names_changes_and_removes_the_contact(editor_a_client, editor_a):
    url = "/municipalities/165/knowledge-contact/"
    assert editor_a_client.get(url).status_code == 200
    response = editor_a_client.post(url, {"name": "Mette Madsen", "role": "HR-konsulent", "email": "mm@albertslund.dk"})
    assert response.status_code == 302
    contact = KnowledgeContact.objects.get(municipality__code=165)
    assert (contact.name, contact.updated_by) == ("Mette Madsen", editor_a)
    editor_a_client.post(url, {"name": "Ole Olsen", "role": "Leder", "email": "oo@albertslund.dk"})
    assert KnowledgeContact.objects.get(municipality__code=165).name == "Ole Olsen"
    editor_a_client.post(url, {"name": "", "role": "", "email": ""})
    assert not KnowledgeContact.objects.exists()
    again = editor_a_client.post(url, {"name": "", "role": "", "email": ""}, follow=True).content.decode()
    assert "Kommunen har ingen kontaktperson for videndeling; intet er ændret." in again


@pytest.mark.parametrize("typed", [
    {"name": "Mette Madsen", "role": "", "email": "mm@albertslund.dk"},  # half filled in
    {"name": "Mette Madsen", "role": "HR", "email": "ikke en adresse"},
])
def test_a_bad_contact_gets_a_danish_error_and_changes_nothing(editor_a_client, typed):
    KnowledgeContact.objects.create(municipality=Municipality.objects.get(code=165), name="Ole Olsen", role="Leder",
                                    email="oo@albertslund.dk")
    response = editor_a_client.post("/municipalities/165/knowledge-contact/", typed)
    html = response.content.decode()
    assert response.status_code == 200 and "Kontaktpersonen er ikke gemt" in html
    assert KnowledgeContact.objects.get().name == "Ole Olsen"


def test_another_municipalitys_editor_cannot_name_its_contact(client, editor_b):
    client.force_login(editor_b)
    response = client.post("/municipalities/165/knowledge-contact/", {"name": "X", "role": "Y", "email": "x@y.dk"})
    assert response.status_code == 403
    assert not KnowledgeContact.objects.exists()
