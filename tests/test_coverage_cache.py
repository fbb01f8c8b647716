"""Coverage is aggregated in the database and cached by the data version: the queries return at
most a row per municipality and type, and every kind of write that changes coverage shows on the next request.

Albertslund's interventions are those of `albertslund_known` (tests/test_dashboard.py); its internship row in
coverage.csv is "through-internship,6,2,33.3,47.0,-13.7,1,1" before any write (see tests/test_coverage_csv.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from indicators import coverage
from indicators.imports import jobs
from indicators.models import Benchmark, DataImport
from interventions.models import Intervention, InterventionType
from recruitment import data_version
from recruitment.models import Municipality, TargetGroup
from tests.conftest import SAMPLES
from tests.pages import element, find_all, tables, text

pytestmark = pytest.mark.django_db

CSV = "/municipalities/165/coverage.csv"
INTERNSHIP_BEFORE = "through-internship,6,2,33.3,47.0,-13.7,1,1"


def _rows(client) -> dict[str, str]:
    response = client.get(CSV)
    assert response.status_code == 200
    # The first eight columns: the municipality's own figures (the region's: tests/test_reporting.py).
    return {line.split(",")[0]: ",".join(line.split(",")[:8]) for line in response.content.decode().splitlines()[1:]}


class _RowCounter:
    """Counts the rows each SELECT returns, by running it again as SELECT COUNT(*) with the same parameters."""

    def __init__(self) -> None:
        self.largest = 0
        self._counting = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self._counting and sql.lstrip().upper().startswith("SELECT"):
            self._counting = True
            try:
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
                    self.largest = max(self.largest, cursor.fetchone()[0])
            finally:
                self._counting = False
        return result


def test_it_never_reads_more_rows_than_municipalities_times_types(reference_data):
    # 25 interventions of each of two types in every municipality, all with their own titles: a DISTINCT
    # widened by Intervention.Meta.ordering returns one row per intervention (4,900 > 98 × 42 = 4,116).
    types = list(InterventionType.objects.order_by("pk")[:2])
    Intervention.objects.bulk_create([
        Intervention(municipality=municipality, intervention_type=intervention_type, title=f"Indsats {number}",
                     status=Intervention.Status.RUNNING if number % 2 else Intervention.Status.PLANNED)
        for municipality in Municipality.objects.all() for intervention_type in types for number in range(25)
    ])
    data_version.bump()  # bulk_create sends no signals
    bound = Municipality.objects.count() * InterventionType.objects.count()
    counter = _RowCounter()
    with connection.execute_wrapper(counter):
        catalogue = coverage.load_catalogue()
        national = coverage.national_coverage(True, catalogue)
        coverage.municipality_coverage(Municipality.objects.get(code=165), True, catalogue)
    assert 0 < counter.largest <= bound
    assert len(coverage.type_fact_rows()) == 98 * 2
    assert all(national.runs[m.pk] == {t.pk for t in types} for m in national.municipalities)


def _create(client, editor) -> str:
    client.force_login(editor)
    placement = InterventionType.objects.get(slug="placement-evaluation")  # internship, 44 %
    response = client.post("/municipalities/165/interventions/new/", {
        "title": "Evaluering af praktikken", "intervention_type": placement.pk,
        "target_groups": [placement.target_group_id], "status": "running", "start_date": "2025-02-01"})
    assert response.status_code == 302
    return "through-internship,6,3,50.0,47.0,3.0,1,1"


def _edit(client, editor) -> str:
    client.force_login(editor)
    planned = Intervention.objects.get(municipality__code=165, intervention_type__slug="supervisor-network")
    response = client.post(f"/interventions/{planned.pk}/edit/", {
        "title": planned.title, "intervention_type": planned.intervention_type_id, "status": "running",
        "target_groups": [planned.intervention_type.target_group_id], "version": planned.version,
        "start_date": "2025-02-01"})
    assert response.status_code == 302
    return "through-internship,6,3,50.0,47.0,3.0,1,1"


def _delete(client, editor) -> str:
    client.force_login(editor)
    running = Intervention.objects.get(municipality__code=165, intervention_type__slug="supervisor-training")
    response = client.post(f"/interventions/{running.pk}/delete/", {"version": running.version})
    assert response.status_code == 302
    return "through-internship,6,1,16.7,47.0,-30.3,1,1"


def _restore(client, editor) -> str:
    running = Intervention.objects.get(municipality__code=165, intervention_type__slug="supervisor-training")
    pk = running.pk
    running.delete_checked(editor, running.version)
    assert _rows(client)["through-internship"] == "through-internship,6,1,16.7,47.0,-30.3,1,1"  # cached so
    admin = type(editor).objects.create_user("admin-restore", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.post(f"/interventions/{pk}/restore/").status_code == 302
    return INTERNSHIP_BEFORE


def _target_groups(client, editor) -> str:
    # Only the links change: supervisor-training also names new graduates (stay in the job), which does
    # not move the internship row; the internship's one group is still reached.
    running = Intervention.objects.get(municipality__code=165, intervention_type__slug="supervisor-training")
    running.target_groups.remove(TargetGroup.objects.get(slug="students"))
    running.target_groups.add(TargetGroup.objects.get(slug="new-graduates"))
    return INTERNSHIP_BEFORE  # its catalogue type still reaches the students


def _benchmark(client, editor) -> str:
    # supervisor-training 78 % -> 90 %: expected (282 - 78 + 90) / 6 = 49.0, difference 33.3 - 49.0.
    benchmark = Benchmark.objects.get(intervention_type__slug="supervisor-training")
    benchmark.share_pct = Decimal(90)
    benchmark.save()
    return "through-internship,6,2,33.3,49.0,-15.7,1,1"


@pytest.mark.parametrize("write", [_create, _edit, _delete, _restore, _benchmark])
def test_it_shows_every_kind_of_write_on_the_next_request(client, editor_a, albertslund_known, write):
    client.force_login(editor_a)
    assert _rows(client)["through-internship"] == INTERNSHIP_BEFORE
    assert _rows(client)["through-internship"] == INTERNSHIP_BEFORE  # now from the cache
    expected = write(client, editor_a)
    assert _rows(client)["through-internship"] == expected


def test_it_shows_a_change_of_target_groups_alone_on_the_next_request(client, editor_a, albertslund_known):
    client.force_login(editor_a)
    stay = _rows(client)["stay-in-job"]
    assert stay.endswith(",3,1")  # of three groups, the seniors are reached
    _target_groups(client, editor_a)
    assert _rows(client)["stay-in-job"].endswith(",3,2")  # and now the new graduates


def test_it_shows_an_import_on_the_next_request(chef_client, albertslund_known):
    # The dashboards are cached whole by the data version, imported figures included.
    assert 'id="survey-heading"' not in chef_client.get("/municipalities/165/").content.decode()
    assert 'id="survey-heading"' not in chef_client.get("/municipalities/165/").content.decode()  # cached
    content = (SAMPLES / "intervention-survey.csv").read_bytes()
    record = jobs.create(DataImport.Kind.INTERVENTION_SURVEY, "survey.csv", content, None)
    jobs.run(record, content)
    assert 'id="survey-heading"' in chef_client.get("/municipalities/165/").content.decode()


def test_it_shows_a_changed_key_fact_on_the_next_request(chef_client):
    from indicators.models import KeyFact

    fact = KeyFact.objects.order_by("position").first()
    chef_client.get("/municipalities/165/")
    fact.label = "Et nyt nøgletal til prøve"
    fact.save()
    assert "Et nyt nøgletal til prøve" in chef_client.get("/municipalities/165/").content.decode()


def test_it_bumps_the_version_with_an_import_and_not_with_a_rejected_one(reference_data):
    before = data_version.current()
    content = (SAMPLES / "intervention-survey.csv").read_bytes()
    record = jobs.create(DataImport.Kind.INTERVENTION_SURVEY, "survey.csv", content, None)
    assert jobs.check(record, content).ok
    jobs.run(record, content)
    after = data_version.current()
    assert after != before
    bad = b"aar;kommunekode\r\n2024;999\r\n"
    record = jobs.create(DataImport.Kind.INTERVENTION_SURVEY, "bad.csv", bad, None)
    assert not jobs.check(record, bad).ok
    assert data_version.current() == after


def test_it_bumps_the_version_with_demo_data(reference_data):
    from indicators.reference.demo import seed_demo

    before = data_version.current()
    seed_demo()
    assert data_version.current() != before


def test_it_does_not_bump_the_version_when_a_write_is_rolled_back(reference_data, add_intervention):
    from django.db import transaction

    before = data_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        add_intervention(165, Intervention.Status.RUNNING, "supervisor-training")
        raise RuntimeError("the write fails")
    assert data_version.current() == before


# --- The rendered pages: a dashboard's body is kept rendered per data version (the template fragment cache) ----

def _internship_on_pages(client) -> tuple[str, str, str]:
    """Albertslund's internship coverage as the dashboard's verdict, the pathway page and the compare table say it."""
    dashboard = client.get("/municipalities/165/").content.decode()
    (verdict,) = find_all(dashboard, "li", **{"data-verdict": "through-internship"})
    pathway = text(element(client.get("/municipalities/165/pathways/through-internship/").content.decode(),
                           "pathway-body"))
    rows = tables(client.get("/compare/").content.decode())[0]
    (albertslund,) = [row for row in rows if row[0].startswith("Albertslund")]
    return text(verdict), pathway, " ".join(albertslund)


@pytest.mark.parametrize("write", [_create, _edit, _delete, _restore, _benchmark])
def test_the_rendered_pages_show_every_kind_of_write_on_the_next_request(client, editor_a, albertslund_known, write):
    client.force_login(editor_a)
    before = _internship_on_pages(client)
    assert before == _internship_on_pages(client)  # now rendered from the cache
    assert "2 af 6" in before[0] and "33,3 %" in before[1] and "33,3" in before[2]
    active, pct = (lambda fields: (fields[2], fields[3].replace(".", ",")))(write(client, editor_a).split(","))
    verdict, pathway, compare_row = _internship_on_pages(client)
    assert f"{active} af 6" in verdict
    assert f"{pct} %" in pathway
    assert pct in compare_row


def test_a_stored_dashboard_body_still_shows_each_user_what_they_may_do(client, editor_a, chef, albertslund_known):
    """The body is shared by users with the same rights only: an editor's "Start denne indsats" buttons never
    reach a reader, whoever asked first, and the page around the body is always the user's own."""
    for first, second in [(editor_a, chef), (chef, editor_a)]:
        client.force_login(first)
        first_page = client.get("/municipalities/165/").content.decode()
        client.force_login(second)
        second_page = client.get("/municipalities/165/").content.decode()
        pages = {first: first_page, second: second_page}
        assert "Start denne indsats" in pages[editor_a]
        assert "Start denne indsats" not in pages[chef]
        assert [text(who) for who in find_all(pages[chef], "a", **{"class": "who"})] == ["Dorte, Albertslund"]
        assert [text(who) for who in find_all(pages[editor_a], "a", **{"class": "who"})] == ["hr-a, Albertslund"]
