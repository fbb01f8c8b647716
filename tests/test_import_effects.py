"""The preview's effects: what a checked file will change on the pages, before anything is saved."""

import pytest

from indicators.imports import jobs
from indicators.models import DataImport, PopulationProjection, WorkforceStat

pytestmark = pytest.mark.django_db

WORKFORCE_2024 = ("år;kommunekode;pædagoger;pædagogiske assistenter;pædagogmedhjælpere;medhjælpere under 25;"
                  "studerende i praktik\r\n2024;165;4.512;40;160;60;18\r\n").encode()
# 2025 lacks "medhjælpere under 25" and "studerende i praktik"; "4.600" is four thousand six hundred.
WORKFORCE_2025 = ("år;kommunekode;pædagoger;pædagogiske assistenter;pædagogmedhjælpere\r\n"
                  "2025;165;4.600;42;170\r\n2025;183;300;20;80\r\n").encode()


def _preview(kind: str, content: bytes, admin_user) -> DataImport:
    record = jobs.create(kind, "fil.csv", content, admin_user)
    assert jobs.check(record, content).ok
    record.refresh_from_db()
    return record


def test_a_workforce_file_for_a_new_year_names_the_base_year_and_the_figures_becoming_unknown(
        admin_client, admin_user, import_file):
    """Albertslund has 2024 with five figures; the 2025 file has three of them. Its base year moves 2024 → 2025
    (Ishøj has no earlier year: no move), and the two figures the file lacks become unknown for 2025 while the
    pages keep 2024's. Two of the 98 municipalities change. The first rows show 4.600 as read: 4600."""
    assert import_file("workforce", WORKFORCE_2024).status == DataImport.Status.SUCCEEDED
    record = _preview("workforce", WORKFORCE_2025, admin_user)
    effects = record.summary["effects"]
    assert effects["sentences"] == [
        "Personalestatistikkens nyeste år skifter fra 2024 til 2025 for Albertslund: dashboardene viser 2025 som "
        "basisår.",
        "“medhjælpere under 25 år” bliver ukendt for det nye år for Albertslund; siderne bliver ved med at vise "
        "tallet fra 2024 og skriver årstallet ved det.",
        "“pædagogstuderende i praktik” bliver ukendt for det nye år for Albertslund; siderne bliver ved med at vise "
        "tallet fra 2024 og skriver årstallet ved det.",
    ]
    assert (effects["municipalities"], effects["all_municipalities"]) == (2, 98)
    assert effects["columns"] == ["År", "Kommune", "pædagoger", "pædagogiske assistenter", "pædagogmedhjælpere"]
    assert effects["rows"] == [[2025, "Albertslund", 4600, 42, 170], [2025, "Ishøj", 300, 20, 80]]
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert "Det ændrer sig på siderne" in page and "Tallene ændres for 2 af 98 kommuner" in page
    assert '<td data-label="pædagoger">4600</td>' in page  # on a phone the value stands under its name
    assert not WorkforceStat.objects.filter(year=2025).exists()  # a preview changes nothing


def test_a_partial_population_projection_names_the_municipalities_that_switch(admin_user, import_file):
    """Albertslund, København and Ishøj use "DST 2024". A file of "DST 2025" for Albertslund and København only
    (and Aalborg, which had none): without workforce statistics no vintage covers a base year, so each uses its
    newest, and the preview names the two that switch; Ishøj keeps "DST 2024" and Aalborg switches from none."""
    header = "år;kommunekode;børn 0-2;børn 3-5;fremskrivning\r\n"
    old = header + "".join(f"2026;{code};100;120;DST 2024\r\n" for code in (165, 101, 183))
    assert import_file("population-projection", old.encode()).status == DataImport.Status.SUCCEEDED
    new = header + "".join(f"2026;{code};110;130;DST 2025\r\n" for code in (165, 101, 851))
    summary = _preview("population-projection", new.encode(), admin_user).summary
    assert summary["details"]["vintage_changes"] == [
        "Skifter befolkningsfremskrivning: Albertslund (DST 2024 → DST 2025), København (DST 2024 → DST 2025).",
    ]
    assert summary["effects"]["rows"][0] == [2026, "Albertslund", "DST 2025", "Hovedfremskrivning", 110, 130]
    assert not PopulationProjection.objects.filter(vintage="DST 2025").exists()


def test_a_practicum_preview_shows_counts_never_a_respondents_row(admin_user):
    """Two students in Albertslund 2024 answer one statement, "Helt enig" and "Delvist enig": the first row read
    is their count per answer (1, 1, 0, 0, 0, 0), not either row."""
    content = ("år;kommunekode;uddannelse;rolle;vende_tilbage\r\n2024;165;pædagog;studerende;Helt enig\r\n"
               "2024;165;pædagog;studerende;Delvist enig\r\n").encode("cp1252")
    effects = _preview("practicum-evaluations", content, admin_user).summary["effects"]
    assert effects["rows"] == [[2024, "Albertslund", "Pædagog", "Studerende",
                                "Jeg vil gerne vende tilbage i fremtidig ansættelse", 1, 1, 0, 0, 0, 0]]


def test_a_file_that_changes_nothing_says_no_municipality_changes(admin_client, admin_user, import_file):
    """The same 2024 file twice: every year and municipality unchanged, so no municipality's figures change."""
    assert import_file("workforce", WORKFORCE_2024).status == DataImport.Status.SUCCEEDED
    record = _preview("workforce", WORKFORCE_2024, admin_user)
    assert record.summary["effects"]["municipalities"] == 0
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert "Ingen kommuners tal ændres." in page and "Tallene ændres for 0 af" not in page
