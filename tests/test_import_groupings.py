"""Importing comparison groupings (kommunekode; gruppe[; inddeling]), e.g. Danmarks Statistik's five groups."""

import pytest

from indicators.models import DataImport, Grouping, GroupMembership, MunicipalityGroup
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db
KIND = "municipality-groups"
DST = "Danmarks Statistiks kommunegrupper"


def _members(grouping: str | None = None) -> dict[int, str]:
    memberships = GroupMembership.objects.all()
    if grouping:
        memberships = memberships.filter(grouping__name=grouping)
    return dict(memberships.values_list("municipality__code", "group__name"))


def test_it_imports_dsts_five_groups_for_all_98_municipalities(import_file):
    record = import_file(KIND, (SAMPLES / "municipality-groups-dst.csv").read_bytes(), "kommunegrupper.csv")
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    grouping = Grouping.objects.get(name=DST)
    assert [g.name for g in grouping.groups.all()] == ["Hovedstadskommuner", "Storbykommuner", "Provinsbykommuner",
                                                       "Oplandskommuner", "Landkommuner"]
    members = _members(DST)
    assert len(members) == 98
    counts = {name: list(members.values()).count(name) for name in set(members.values())}
    assert counts == {"Hovedstadskommuner": 24, "Storbykommuner": 3, "Provinsbykommuner": 16,
                      "Oplandskommuner": 24, "Landkommuner": 31}
    assert (members[101], members[751], members[165], members[360]) == (
        "Hovedstadskommuner", "Storbykommuner", "Hovedstadskommuner", "Landkommuner")
    assert record.summary["added"] == 98 and record.summary["details"]["groupings"][0]["name"] == DST


def test_a_file_of_only_kommunekode_and_gruppe_makes_a_grouping_of_its_own(import_file):
    record = import_file(KIND, csv_bytes([["kommunekode", "gruppe"], ["165", "Vest"], ["0183", "Vest"],
                                          ["101", "By"]]))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert _members("Importerede kommunegrupper") == {165: "Vest", 183: "Vest", 101: "By"}
    assert Grouping.objects.get().slug == "importerede-kommunegrupper"


def test_a_municipality_can_be_in_several_groupings(import_file):
    import_file(KIND, csv_bytes([["kommunekode", "gruppe", "inddeling"], ["165", "A", "Net 1"], ["165", "X", "Net 2"],
                                 ["183", "A", "Net 1"]]))
    assert _members("Net 1") == {165: "A", 183: "A"}
    assert _members("Net 2") == {165: "X"}


def test_reimporting_a_grouping_moves_and_removes_members_and_leaves_other_groupings(import_file):
    header = ["kommunekode", "gruppe", "inddeling"]
    import_file(KIND, csv_bytes([header, ["165", "A", "Net"], ["183", "A", "Net"], ["101", "B", "Net"],
                                 ["101", "Q", "Andet"]]))
    record = import_file(KIND, csv_bytes([header, ["165", "B", "Net"], ["183", "A", "Net"]]))
    assert record.status == DataImport.Status.SUCCEEDED, record.problems
    assert (record.summary["replaced"], record.summary["unchanged"], record.summary["removed"]) == (1, 1, 1)
    assert _members("Net") == {165: "B", 183: "A"}
    assert _members("Andet") == {101: "Q"}


def test_the_same_file_twice_changes_nothing(import_file):
    content = csv_bytes([["kommunekode", "gruppe"], ["165", "A"], ["183", "B"]])
    first = import_file(KIND, content)
    second = import_file(KIND, content)
    assert (second.summary["unchanged"], second.summary["written"]) == (2, 0)
    assert set(GroupMembership.objects.values_list("data_import", flat=True)) == {first.pk}


def _rejected(import_file, rows: list[list[str]]) -> list[str]:
    import_file(KIND, csv_bytes([["kommunekode", "gruppe"], ["165", "A"]]))
    before = sorted(GroupMembership.objects.values_list("pk", "group__name", "data_import_id"))
    groups = sorted(MunicipalityGroup.objects.values_list("pk", "name"))
    record = import_file(KIND, csv_bytes(rows))
    assert record.status == DataImport.Status.REJECTED
    assert sorted(GroupMembership.objects.values_list("pk", "group__name", "data_import_id")) == before
    assert sorted(MunicipalityGroup.objects.values_list("pk", "name")) == groups
    return [f"row {p['row']}, column {p['column']}: {p['message']}" for p in record.problems]


def test_it_rejects_an_unknown_code_and_a_blank_group_naming_row_and_field(import_file):
    problems = _rejected(import_file, [["kommunekode", "gruppe"], ["165", "B"], ["999", "B"], ["183", ""]])
    assert problems == ["row 3, column kommunekode: Ukendt kommunekode 999.",
                        "row 4, column gruppe: Feltet er tomt, men skal udfyldes."]


def test_it_rejects_a_municipality_twice_in_one_grouping(import_file):
    problems = _rejected(import_file, [["kommunekode", "gruppe"], ["165", "B"], ["165", "C"]])
    assert problems == ["row 3, column kommunekode: Albertslund står allerede i inddelingen “Importerede "
                        "kommunegrupper” i række 2; en kommune kan kun være i én gruppe pr. inddeling."]


def test_it_rejects_a_file_without_a_group_column(import_file):
    problems = _rejected(import_file, [["kommunekode", "region"], ["165", "B"]])
    assert problems[0] == "row 1, column gruppe: Filen mangler kolonnen “gruppe”."


def test_admins_can_define_a_group_by_hand(admin_client, reference_data):
    grouping = Grouping.objects.create(name="Vestegnen", slug="vestegnen")
    group = MunicipalityGroup.objects.create(grouping=grouping, name="Vestegnen")
    response = admin_client.get(f"/admin/indicators/municipalitygroup/{group.pk}/change/")
    assert response.status_code == 200
    from recruitment.models import Municipality
    albertslund = Municipality.objects.get(code=165)
    data = {"grouping": grouping.pk, "name": "Vestegnen", "position": 0,
            "memberships-TOTAL_FORMS": 2, "memberships-INITIAL_FORMS": 0,
            "memberships-MIN_NUM_FORMS": 0, "memberships-MAX_NUM_FORMS": 1000,
            "memberships-0-municipality": albertslund.pk, "memberships-1-municipality": albertslund.pk}
    response = admin_client.post(f"/admin/indicators/municipalitygroup/{group.pk}/change/", data)
    assert response.status_code == 200  # refused: the same municipality twice in the grouping
    assert not GroupMembership.objects.exists()
    data.update({"memberships-TOTAL_FORMS": 1})
    response = admin_client.post(f"/admin/indicators/municipalitygroup/{group.pk}/change/", data)
    assert response.status_code == 302
    assert _members("Vestegnen") == {165: "Vestegnen"}


def test_the_preview_names_the_grouping_its_groups_and_what_leaves(admin_client, import_file):
    header = ["kommunekode", "gruppe", "inddeling"]
    import_file(KIND, csv_bytes([header, ["165", "A", "Net"], ["101", "B", "Net"]]))
    record = import_file(KIND, csv_bytes([header, ["165", "B", "Net"]]))
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert "<dt>Inddeling</dt><dd>Net: B</dd>" in page
    assert "1 fjernet (inddelingen er erstattet helt)." in page  # the import has run: what it did
    # A grouping has no year: the preview speaks of municipalities and has no year column (no "–" for År).
    cell = '<td data-label="Kommune">Albertslund'
    assert f"<tr>{cell}" in page and f">–</td>{cell}" not in page
    assert "Kommuner: 0 tilføjet, 1 erstattet, 0 uændrede." in page and "År og kommuner" not in page
