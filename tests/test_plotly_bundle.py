"""The committed plotly.js partial bundle (static/vendor/plotly/): the file its README names, and every trace
type the chart code draws is in it (a missing one would leave that chart empty in the browser)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import plotly
import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "static" / "vendor" / "plotly" / "plotly-cartesian.min.js"
SHA256 = "79542150855a52c567260e3137095dbe2b744e6d702a5cabe67da246942fba7a"
FULL = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
NPM_COPY = ROOT / "node_modules" / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"
TRACE = re.compile(r'moduleType:"trace",name:"(\w+)"')


def _traces(bundle: Path) -> set[str]:
    return set(TRACE.findall(bundle.read_text(encoding="utf-8")))


def _drawn() -> set[str]:
    """The trace types named in the chart code: `type="bar"` / `"type": "bar"` that are plotly.js traces."""
    known = _traces(FULL)
    named = set()
    for source in (ROOT / "indicators").rglob("*.py"):
        named |= set(re.findall(r'''\btype["']?\s*[=:]\s*["'](\w+)["']''', source.read_text(encoding="utf-8")))
    return named & known


def test_it_serves_the_bundle_its_readme_names():
    assert hashlib.sha256(BUNDLE.read_bytes()).hexdigest() == SHA256
    assert SHA256 in (BUNDLE.parent / "README.md").read_text(encoding="utf-8")
    assert BUNDLE.read_text(encoding="utf-8")[:100].count("plotly.js (cartesian - minified) v4.1.1") == 1
    assert "MIT" in (BUNDLE.parent / "LICENSE").read_text(encoding="utf-8")


def test_it_is_the_plotly_js_version_of_the_python_package():
    # The Python package builds the figures for the plotly.js it carries; an upgrade of it shows here.
    with FULL.open(encoding="utf-8") as full:
        assert "* plotly.js v4.1.1\n" in full.read(200)


def test_it_has_every_trace_type_the_charts_draw():
    drawn = _drawn()
    assert {"bar", "scatter", "heatmap"} <= drawn  # the scan finds what we know is drawn
    assert drawn <= _traces(BUNDLE)


@pytest.mark.skipif(not NPM_COPY.exists(), reason="node_modules/ without the pinned package (npm ci)")
def test_it_is_the_file_package_json_pins():
    assert NPM_COPY.read_bytes() == BUNDLE.read_bytes()


def test_it_has_whitenoise_write_brotli_files():
    from whitenoise.compress import Compressor

    assert Compressor(quiet=True).use_brotli  # the brotli package is installed


@pytest.mark.django_db
def test_it_gzips_pages_for_browsers_that_accept_it(chef_client):
    import gzip

    response = chef_client.get("/municipalities/165/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "<h1" in gzip.decompress(response.content).decode()
    plain = chef_client.get("/municipalities/165/")
    assert not plain.has_header("Content-Encoding")
