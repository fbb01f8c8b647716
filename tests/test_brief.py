"""The committee brief /municipalities/<code>/brief.pdf: a PDF that opens, with the sections the
URL names, the page's figures and sources in its text, page numbers, and the data status.

Figures as in tests/test_dashboard.py (Albertslund, fixture albertslund_known): through-internship 2 of 6
types, 33,3 % against EVA's expected 47,0 % (2,82 types: "færre end gennemsnitskommunen (2,8)")."""

import io
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from indicators.models import DataImport
from recruitment.dates import danish_date, danish_datetime
from tests.conftest import ARTIFACTS
from tests.pages import element

pytestmark = pytest.mark.django_db


def _pdf(client, query: str = "") -> tuple[bytes, list[str]]:
    response = client.get(f"/municipalities/165/brief.pdf{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="udvalgsnotat-165-')
    reader = PdfReader(io.BytesIO(response.content))
    return response.content, [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_verdicts_alone_make_one_a4_page_with_the_data_status(chef_client, albertslund_known):
    content, pages = _pdf(chef_client, "?afsnit=verdicts")
    assert content.startswith(b"%PDF-")
    assert len(pages) == 1
    reader = PdfReader(io.BytesIO(content))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points: 210 × 297 mm
    text = pages[0]
    assert "Pædagoger nok i Albertslund" in text
    assert "Datagrundlag" in text and "EVA, Flere pædagoger til daginstitutioner (2024)" in text
    assert "Flere godt igennem praktikken: 2 af 6 typer – færre end gennemsnitskommunen (2,8)" in text
    assert "Side 1 af 1" in text
    assert "Metode" not in text and "Værd at overveje" not in text


def test_each_pathway_starts_a_page_with_its_figures_chart_and_table(chef_client, albertslund_known):
    _content, pages = _pdf(chef_client, "?afsnit=pathways")
    starts = [next((i for i, page in enumerate(pages) if name in page.split("Indsatstyper i gang")[0]), None)
              for name in ["Flere ind på pædagoguddannelsen", "Flere godt igennem praktikken",
                           "Flere til at blive i jobbet"]]
    assert starts[0] == 1 and starts[0] < starts[1] < starts[2]  # after the front page, each on its own
    internship = " ".join(pages[starts[1]:starts[2]])
    # Counts first, as on the page; the region's average over the one of its 29 that has registered (Albertslund).
    assert ("Indsatstyper i gang 2 af 6 (33,3 %) Gennemsnitskommunen ifølge EVA ca. 2,8 af 6 (47,0 %)"
            in internship)
    assert "Regionens gennemsnit 33,3 % – 1 af 29 kommuner har registreret Aktive indsatser 2" in internship
    assert "2 af 6 indsatstyper med EVA-andel er i gang." in internship
    # The chart (vector: its words are text) and the table under it.
    # Planned shows as planned (hatched) though plans do not count here.
    assert "78 % · I gang" in internship and "39 % · Planlagt" in internship and "44 % · Kører ikke" in internship
    assert "Opkvalificering af praktikvejledere" in internship and "78,0" in internship
    assert "Kilde: kommunens registrerede indsatser og EVA's kortlægning (2024)." in internship
    assert f"Side {len(pages)} af {len(pages)}" in pages[-1]


def test_the_key_facts_and_the_method_carry_their_sources(chef_client, albertslund_known):
    _content, pages = _pdf(chef_client, "?afsnit=facts&afsnit=method")
    text = " ".join(pages)
    assert "Nøgletal pr. målgruppe" in text
    # The source as a record (title, publisher, year), never its code; no data year stated, so none printed.
    assert ("30.159 Erfarne pædagoger: Uddannede pædagoger der arbejder i dagtilbud Notat med målgruppeanalysen"
            in text)
    assert "EVA 2024c" not in text
    assert "Metode" in text and "afrundet til hele typer" in text


def test_the_data_status_names_each_import_and_when(chef_client, albertslund_known):
    DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, status=DataImport.Status.SUCCEEDED,
                              file_name="personale-2025.xlsx", sha256="0" * 64, size_bytes=1,
                              finished_at=datetime(2026, 11, 26, 12, 10, tzinfo=UTC))
    _content, pages = _pdf(chef_client, "?afsnit=verdicts")
    # 12.10 UTC is 13.10 in Copenhagen in November.
    assert "Personalestatistik personale-2025.xlsx, importeret 26. nov. 2026 kl. 13.10" in pages[0]


def test_no_section_named_gives_the_whole_brief_and_unknown_names_are_ignored(chef_client, albertslund_known):
    _content, everything = _pdf(chef_client)
    text = " ".join(everything)
    for heading in ["Kort fortalt", "Flere godt igennem praktikken", "Værd at overveje", "Bliver der pædagoger nok?",
                    "Nøgletal pr. målgruppe", "Metode"]:
        assert heading in text
    _content, pages = _pdf(chef_client, "?afsnit=verdicts&afsnit=nonsense")
    assert len(pages) == 1


def test_a_page_of_the_brief_renders_to_an_image(chef_client, albertslund_known):
    """The picture is for people to look at (test-artifacts/brief-page-2.png); the test checks it is made."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    content, _pages = _pdf(chef_client, "?afsnit=pathways")
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", "-singlefile", "-",
                    str(ARTIFACTS / "brief-page-2")], input=content, check=True)
    assert (ARTIFACTS / "brief-page-2.png").stat().st_size > 10_000


def test_the_dashboard_offers_the_sections_on_a_small_form(chef_client, albertslund_known):
    form = element(chef_client.get("/municipalities/165/", {"planned": "1"}).content.decode(), "brief")
    assert 'action="/municipalities/165/brief.pdf"' in form and 'method="get"' in form
    assert form.count('name="afsnit"') == 7  # with the targets
    assert '<input type="hidden" name="planned" value="1">' in form


def test_one_date_format_for_people():
    assert danish_datetime(datetime(2026, 11, 26, 12, 10, tzinfo=UTC)) == "26. nov. 2026 kl. 13.10"
    assert danish_datetime(datetime(2026, 7, 1, 6, 5, tzinfo=UTC)) == "1. jul. 2026 kl. 08.05"  # summer time
    assert danish_date(datetime(2026, 5, 3, 12, 0, tzinfo=UTC)) == "3. maj 2026"


def test_the_targets_section_lists_the_municipalitys_targets_with_their_status(chef_client, albertslund_known):
    from decimal import Decimal

    from indicators.models import Target
    from recruitment.models import Municipality

    Target.objects.create(municipality=Municipality.objects.get(code=165),
                          indicator=Target.Indicator.COVERAGE_INTERNSHIP, baseline_value=Decimal("16.7"),
                          baseline_year=2023, target_value=Decimal(50), target_year=2027,
                          source="Rekrutteringsstrategi 2024–2027, s. 4")
    _content, pages = _pdf(chef_client, "?afsnit=targets")
    text = " ".join(pages)
    assert "Kommunens mål" in text and "Rekrutteringsstrategi 2024–2027, s. 4" in text
    assert "16,7" in text and "2023" in text and "2027" in text and "Open SDG" in text


def test_without_targets_the_section_says_so(chef_client, albertslund_known):
    _content, pages = _pdf(chef_client, "?afsnit=targets")
    assert "Kommunen har ikke registreret mål endnu." in " ".join(pages)


def test_the_pathway_tables_name_an_uncertain_share_without_its_note(chef_client, albertslund_known):
    """The note on why a share is uncertain is long and much the same for a pathway's types: printed in every
    row it took pages (and seconds to lay out). The brief says the word and where the reason is."""
    _content, pages = _pdf(chef_client, "?afsnit=pathways")
    text = " ".join(pages)
    assert "udledt af teksten" in text and "foreløbig" in text
    assert "Figuren er dog svær at aflæse" not in text
    assert "Hvorfor en andel er usikker, står i tabellen på kommunens side i Pædagoger nok." in text
