"""A grouping's slug is a value of ?sammenlign=, beside the comparison's own "region" and "alle": a grouping may
not take either (in an import, in the admin, or already in the database), and one file may not make groupings
without end."""

from __future__ import annotations

import pytest

from indicators.imports.importers.groupings import MAX_GROUPINGS
from indicators.models import DataImport, Grouping, GroupMembership, MunicipalityGroup
from recruitment.models import Municipality
from tests.conftest import csv_bytes

pytestmark = pytest.mark.django_db
KIND = "municipality-groups"
HEADER = ["kommunekode", "gruppe", "inddeling"]


def _rejected(import_file, rows: list[list[str]]) -> list[str]:
    """The file is refused and the database stays as the first, good file left it."""
    import_file(KIND, csv_bytes([HEADER, ["165", "A", "Vestegnen"]]))
    before = (sorted(Grouping.objects.values_list("pk", "name", "slug")),
              sorted(MunicipalityGroup.objects.values_list("pk", "name")),
              sorted(GroupMembership.objects.values_list("pk", "group__name", "data_import_id")))
    record = import_file(KIND, csv_bytes([HEADER, *rows]))
    assert record.status == DataImport.Status.REJECTED
    assert (sorted(Grouping.objects.values_list("pk", "name", "slug")),
            sorted(MunicipalityGroup.objects.values_list("pk", "name")),
            sorted(GroupMembership.objects.values_list("pk", "group__name", "data_import_id"))) == before
    return [f"row {p['row']}, column {p['column']}: {p['message']}" for p in record.problems]


@pytest.mark.parametrize(("name", "slug"), [("Region", "region"), ("Alle", "alle"), ("ALLE", "alle"),
                                            ("Region!", "region")])
def test_an_import_refuses_a_grouping_named_as_a_comparison_of_its_own(import_file, name, slug):
    problems = _rejected(import_file, [["165", "A", "Net"], ["183", "Vest", name], ["101", "Øst", name]])
    message = (f"“{name}” kan ikke være navnet på en inddeling: ?sammenlign={slug} er allerede "
               "regionen eller alle kommuner. Vælg et andet navn.")
    assert problems == [f"row 3, column inddeling: {message}", f"row 4, column inddeling: {message}"]


def test_an_import_refuses_more_groupings_than_one_file_may_make(import_file):
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    rows = [[str(code), "A", f"Inddeling {number}"] for number, code in enumerate(codes[:MAX_GROUPINGS + 2], 1)]
    problems = _rejected(import_file, rows)
    assert MAX_GROUPINGS == 20
    assert problems == [
        f"row {row}, column inddeling: Filen har flere end 20 inddelinger; én fil kan højst have 20."
        for row in (22, 23)]


def test_an_import_of_as_many_groupings_as_allowed_succeeds(import_file):
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    rows = [[str(code), "A", f"Inddeling {number}"] for number, code in enumerate(codes[:MAX_GROUPINGS], 1)]
    record = import_file(KIND, csv_bytes([HEADER, *rows]))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert Grouping.objects.count() == MAX_GROUPINGS


@pytest.mark.parametrize("slug", ["region", "alle"])
def test_the_admin_refuses_a_reserved_slug(admin_client, reference_data, slug):
    response = admin_client.post("/admin/indicators/grouping/add/", {
        "name": slug.title(), "slug": slug, "description": "", "source": "",
        "groups-TOTAL_FORMS": 0, "groups-INITIAL_FORMS": 0, "groups-MIN_NUM_FORMS": 0,
        "groups-MAX_NUM_FORMS": 1000})
    assert response.status_code == 200
    assert (f"“{slug}” er forbeholdt sammenligningen med regionen eller alle kommuner; vælg et andet kortnavn."
            in response.content.decode())
    assert not Grouping.objects.exists()


def test_a_grouping_stored_with_a_reserved_slug_does_not_take_over_the_comparison(client, chef):
    """Data from before the rule: a grouping "Region" with Ishøj and Albertslund in one group."""
    grouping = Grouping.objects.create(name="Region", slug="region")
    group = MunicipalityGroup.objects.create(grouping=grouping, name="To kommuner")
    for code in (183, 165):
        GroupMembership.objects.create(grouping=grouping, group=group, municipality=Municipality.objects.get(code=code))
    client.force_login(chef)
    html = client.get("/municipalities/183/").content.decode()
    select = html.split('<select id="sammenlign" name="sammenlign">')[1].split("</select>")[0]
    assert select.count(" selected") == 1
    assert '<option value="region" selected>Regionen (Region Hovedstaden)</option>' in select
    assert "To kommuner" not in select
