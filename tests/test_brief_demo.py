"""The committee brief of the demo, as a committee gets it: four A4 pages at most (the answer, one page per
question, the next steps), every number with its unit, each caveat once, the demo said on page 1, no word of the
web-only parts, and every table inside the page's content box (WeasyPrint's own layout boxes).

Every page is also rendered to PNG (test-artifacts/brief-<code>-<n>.png) for people to look at."""

import io
import re
import shutil
import subprocess

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from pypdf import PdfReader

from indicators.dashboards import brief as briefs
from indicators.dashboards.municipality import municipality_dashboard
from indicators.reference.demo import seed_demo
from recruitment.models import Municipality
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db

ALBERTSLUND, ISHOJ = 165, 183
# Words of the dashboard's web-only parts, which a printed brief cannot point to.
WEB_ONLY = ["Tallene bag", "Se vejen i dybden", "på kommunens side", "Hvor står det?", "klik", "Vis tabel"]
# A percent sign with no number before it (a digit, then at most a (no-break) space): "% af kommunerne …".
LONE_PERCENT = re.compile(r"(^|[^\d\s\u00a0])[\s\u00a0]*%")


@pytest.fixture
def demo(reference_data) -> None:
    seed_demo()


def _pages(client, code: int) -> tuple[bytes, list[str]]:
    response = client.get(f"/municipalities/{code}/brief.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return response.content, [page.extract_text() for page in reader.pages]


@pytest.mark.parametrize("code", [ALBERTSLUND, ISHOJ])
def test_the_demo_brief_is_four_pages_that_answer_first(chef_client, demo, code):
    content, pages = _pages(chef_client, code)
    assert 1 <= len(pages) <= 4
    name = Municipality.objects.get(code=code).name
    first = " ".join(pages[0].split())
    assert "Demodata: tallene i dette notat er syntetiske" in first
    # Page 1 is the answer: a sentence per pathway in whole types, and the projected gap in 2030 and 2035.
    assert first.count(f"{name} har ") >= 3 and "en typisk kommune har" in first
    assert f"I 2030 mangler {name}" in first or f"I 2030 har {name}" in first
    assert "I 2035" in first and "spænd" in first
    # One page per question, in order, ending in the next steps.
    text = " ".join(" ".join(page.split()) for page in pages)
    questions = ["Hvor står vi i forhold til EVA og regionen?", "Får vi pædagoger nok?",
                 "Hvordan går det med vores mål?", "Forslag til næste skridt"]
    positions = [text.find(question) for question in questions]
    assert -1 not in positions and positions == sorted(positions)
    for word in WEB_ONLY:
        assert word not in text
    for line in (line for page in pages for line in page.splitlines()):
        assert not LONE_PERCENT.search(line), line
    _look_at(content, code)


@pytest.mark.parametrize("code", [ALBERTSLUND, ISHOJ])
def test_each_caveat_is_said_once_as_a_numbered_note(chef_client, demo, code):
    _content, pages = _pages(chef_client, code)
    text = " ".join(" ".join(page.split()) for page in pages)
    brief = _brief(code)
    assert brief.notes.numbers  # the typical municipality, the range, the projection, the shares, the region
    for notes in brief.notes.by_section.values():
        for note in notes:
            assert text.count(" ".join(note.text.split())) == 1, note.text
    # The numbers run 1, 2, 3 … in the order the brief first needs them.
    assert sorted(brief.notes.numbers.values()) == list(range(1, len(brief.notes.numbers) + 1))


@pytest.mark.parametrize("code", [ALBERTSLUND, ISHOJ])
def test_no_table_passes_the_right_edge_of_the_page(demo, code):
    """WeasyPrint's layout: every table's border box ends inside its page's content box (half a point spare)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    brief = _brief(code, "sections=verdicts,standing,projection,targets,suggestions,pathways,facts")
    document = HTML(string=render_to_string("indicators/brief.html", {"brief": brief})).render()
    tables = 0
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        for box in page_box.descendants():
            if isinstance(box, boxes.TableBox):
                tables += 1
                edge = box.border_box_x() + box.border_width()
                assert edge <= right + 0.5, f"page {number}: a table ends at {edge:.1f} pt, the page at {right:.1f}"
    assert tables >= 5


def test_the_long_sections_are_there_by_name(chef_client, demo):
    response = chef_client.get(f"/municipalities/{ALBERTSLUND}/brief.pdf", {"sections": "pathways,facts"})
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Indsatstyper i gang" in text and "Nøgletal pr. målgruppe" in text
    assert "Forslag til næste skridt" not in text


def _brief(code: int, query: str = "") -> briefs.Brief:
    municipality = Municipality.objects.get(code=code)
    return briefs.build_brief(municipality, municipality_dashboard(municipality, False), QueryDict(query))


def _look_at(content: bytes, code: int) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"brief-{code}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-", str(ARTIFACTS / f"brief-{code}")], input=content, check=True)
    images = sorted(ARTIFACTS.glob(f"brief-{code}-*.png"))
    assert 1 <= len(images) <= 4 and all(image.stat().st_size > 5_000 for image in images)
