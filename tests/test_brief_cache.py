"""The committee brief under load: a brief is rendered once per data version (the cache answers the next request
for it), and a process renders one brief at a time: a request that cannot start within a short wait gets a calm
Danish 503 with Retry-After rather than a worker tied up for seconds."""

from __future__ import annotations

import io
import threading
from unittest import mock

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from indicators.dashboards import brief as briefs
from interventions.models import Intervention
from recruitment import data_version
from tests.conftest import ALBERTSLUND

pytestmark = pytest.mark.django_db

URL = "/municipalities/165/brief.pdf"


@pytest.fixture
def renders():
    """Counts the PDF renders (WeasyPrint's write_pdf), letting each one run."""
    from weasyprint import HTML

    with mock.patch.object(HTML, "write_pdf", autospec=True, side_effect=HTML.write_pdf) as write_pdf:
        yield write_pdf


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)


def test_it_answers_the_second_request_for_a_brief_from_the_cache(chef_client, albertslund_known, renders):
    first = chef_client.get(URL, {"afsnit": "verdicts"})
    second = chef_client.get(URL, {"afsnit": "verdicts"})
    assert renders.call_count == 1
    assert second.content == first.content
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_it_renders_anew_after_a_change_and_for_other_sections(chef_client, albertslund_known, add_intervention,
                                                               renders):
    before = _text(chef_client.get(URL, {"afsnit": "verdicts"}))
    assert "Flere godt igennem praktikken. Albertslund har 2 af de 6 typer" in before
    _text(chef_client.get(URL, {"afsnit": "verdicts"}))
    assert renders.call_count == 1
    # Another choice of sections is another brief.
    assert "Metode" in _text(chef_client.get(URL, {"afsnit": "method"}))
    assert renders.call_count == 2
    # A new running intervention bumps the data version: the brief shows it.
    add_intervention(ALBERTSLUND, Intervention.Status.RUNNING, "placement-rotation")
    after = _text(chef_client.get(URL, {"afsnit": "verdicts"}))
    assert renders.call_count == 3
    assert "Flere godt igennem praktikken. Albertslund har 3 af de 6 typer" in after


def test_a_municipalitys_own_change_renders_its_brief_anew(chef_client, albertslund_known, renders):
    chef_client.get(URL, {"afsnit": "verdicts"})
    data_version.bump_municipality(Intervention.objects.filter(municipality__code=ALBERTSLUND).first().municipality_id)
    chef_client.get(URL, {"afsnit": "verdicts"})
    assert renders.call_count == 2


def test_while_another_brief_renders_a_request_gets_a_calm_503(chef_client, albertslund_known, monkeypatch):
    monkeypatch.setattr(briefs, "RENDER_WAIT_SECONDS", 0.01)
    started, release = threading.Event(), threading.Event()

    def slow_render() -> briefs.RenderedBrief:
        started.set()
        release.wait(timeout=30)  # bounded, so a failing test cannot hang the run
        return briefs.RenderedBrief(b"%PDF-held", "held.pdf")

    holder = threading.Thread(target=briefs.cached_pdf, args=("test-version", "held-brief", slow_render))
    holder.start()
    try:
        assert started.wait(timeout=30)
        response = chef_client.get(URL, {"afsnit": "verdicts"})
    finally:
        release.set()
        holder.join(timeout=30)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Notatet bliver lavet til en anden lige nu" in page and "Prøv igen om lidt" in page
    assert "Traceback" not in page
    # The lock is free again: the next request renders its brief.
    assert chef_client.get(URL, {"afsnit": "verdicts"}).status_code == 200


def test_a_brief_another_worker_renders_makes_the_request_wait_too(chef_client, albertslund_known, monkeypatch):
    """The lock is in the cache: sync workers (one request each) that share a cache wait for each other."""
    monkeypatch.setattr(briefs, "RENDER_WAIT_SECONDS", 0.01)
    cache.add(briefs.RENDER_LOCK, "another-worker", 60)
    assert chef_client.get(URL, {"afsnit": "verdicts"}).status_code == 503
    cache.delete(briefs.RENDER_LOCK)  # that worker finished
    assert chef_client.get(URL, {"afsnit": "verdicts"}).status_code == 200
