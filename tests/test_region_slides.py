"""The KKR meeting's deck (slides.pptx) for a region and a municipality, read back with python-pptx: six slides,
native charts whose series are the regional page's table, the source on every slide; and one deck converted to PDF
by LibreOffice headless (where installed) to see that it opens.

The region is test_regions.py's constructed "Region Prøveland" (four municipalities, hand-computed there): Aby
through-internship 33.3 %, Bby and Cby 0 %, Dby not reporting (no bar); the region's average 11.1 %."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from indicators.regions import region_page
from tests.test_regions import proeveland  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def _deck(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert "attachment;" in response["Content-Disposition"]
    return Presentation(io.BytesIO(response.content)), response.content


def _charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def _texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_the_regions_deck_has_a_slide_per_question_with_the_tables_numbers(chef_client, proeveland):  # noqa: F811
    deck, _content = _deck(chef_client, "/regions/proeveland/slides.pptx")
    slides = list(deck.slides)
    assert len(slides) == 6
    assert "Pædagoger nok? KKR Prøveland" in _texts(slides[0])
    assert "3 af 4 kommuner har indberettet" in _texts(slides[0])
    for slide in slides[1:]:
        assert "Kilde:" in _texts(slide)

    [completeness] = _charts(slides[1])
    assert completeness.chart_type == XL_CHART_TYPE.BAR_STACKED
    assert [list(s.values) for s in completeness.plots[0].series] == [[3, 1, 1], [1, 3, 3]]

    page = region_page(proeveland)
    [coverage] = _charts(slides[2])
    assert coverage.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    reported = [row for row in page.all_rows if row.pathways[0].pct is not None]
    assert list(coverage.plots[0].categories) == [row.label for row in reported]
    assert list(coverage.plots[0].categories) == ["Aby", "Bby", "Cby", "Gennemsnit, KKR Prøveland",
                                                  "Gennemsnit, hele landet"]
    internship = coverage.plots[0].series[1]
    assert internship.name == "Flere godt igennem praktikken"
    assert list(internship.values)[:4] == [33.3, 0.0, 0.0, 11.1]

    [gap] = _charts(slides[3])
    aby = next(row for row in page.rows if row.label == "Aby")
    assert list(gap.plots[0].categories)[0] == "Aby"
    assert [s.values[0] for s in gap.plots[0].series] == [float(value) for value in aby.gaps]

    [targets] = _charts(slides[4])
    # The region's targets are counted together, not averaged, and the category says so.
    assert list(targets.plots[0].categories) == ["Aby", "Cby", "Alle mål i KKR Prøveland"]
    by_status = {s.name: list(s.values) for s in targets.plots[0].series}
    assert by_status["på vej"] == [1, 0, 1] and by_status["går den forkerte vej"] == [0, 1, 1]

    [practicum] = _charts(slides[5])
    # Bby's 3 answers are suppressed and left out of both pooled shares: Aby's answers are all there are.
    assert list(practicum.plots[0].categories) == ["Aby", "Gennemsnit, KKR Prøveland", "Gennemsnit, hele landet"]
    assert list(practicum.plots[0].series[0].values) == [80.0, 80.0, 80.0]
    assert practicum.plots[0].data_labels.number_format == '[$-406]0.0" %"'


def test_a_municipalitys_deck_shows_it_beside_its_region_and_the_country(chef_client, proeveland):  # noqa: F811
    deck, _content = _deck(chef_client, "/municipalities/901/slides.pptx")
    slides = list(deck.slides)
    assert "Pædagoger nok? Aby" in _texts(slides[0])
    assert "alt er indberettet og importeret" in _texts(slides[0])
    [coverage] = _charts(slides[2])
    assert list(coverage.plots[0].categories) == ["Aby", "Gennemsnit, KKR Prøveland", "Gennemsnit, hele landet"]
    assert list(coverage.plots[0].series[1].values)[:2] == [33.3, 11.1]


def test_a_deck_for_a_region_or_municipality_that_does_not_exist_is_404(chef_client, proeveland):  # noqa: F811
    assert chef_client.get("/regions/atlantis/slides.pptx").status_code == 404
    assert chef_client.get("/municipalities/999/slides.pptx").status_code == 404


@pytest.mark.processes
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_libreoffice_converts_the_deck_to_a_six_page_pdf(chef_client, proeveland, tmp_path: Path):  # noqa: F811
    from pypdf import PdfReader

    _deck_object, content = _deck(chef_client, "/regions/proeveland/slides.pptx")
    source = tmp_path / "kkr.pptx"
    source.write_bytes(content)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, timeout=180, capture_output=True)
    reader = PdfReader(tmp_path / "kkr.pdf")
    assert len(reader.pages) == 6
    assert "Hvor komplet er billedet?" in reader.pages[1].extract_text()
