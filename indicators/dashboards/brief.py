"""/municipalities/<code>/brief.pdf: the committee brief, a PDF to attach to a committee case.

The brief is a list of sections (SECTIONS); the user picks them on a small form on the dashboard and the
choice is the URL (?afsnit=verdicts&afsnit=pathways…), with the projection's scenario in the projection
page's own parameters. The front page (municipality, date, data status) is always there.

To add a section: a `BriefSection` in SECTIONS, a `{% partialdef <key> %}` in indicators/brief.html, and
the data it needs in `Brief` (built in `build_brief`, only when the section is chosen).

A PDF takes seconds of a worker's CPU, so it is made once per data version of the municipality and choice of
sections (`cached_pdf`), and one brief is rendered at a time among the workers that share the cache (each process
with the default local-memory cache; every worker with a shared one): a request that cannot start within
RENDER_WAIT_SECONDS is told to try again (`Busy`) rather than holding a worker the other pages need."""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from indicators.charts import svg
from indicators.charts.base import Table
from indicators.charts.coverage import types_table
from indicators.models import DataImport
from recruitment import data_version
from recruitment.models import Municipality

from ..projection import pages as projection_pages
from ..targets import page as target_pages
from .municipality import MunicipalityDashboard


@dataclass(frozen=True)
class BriefSection:
    key: str
    label: Promise  # on the form and as the section's heading
    hint: Promise | str = ""  # what it holds, on the form


SECTIONS = [
    BriefSection("verdicts", _("Kort fortalt"), _("én linje pr. vej")),
    BriefSection("pathways", _("De tre veje"), _("dækning, diagram og tabel pr. vej")),
    BriefSection("suggestions", _("Værd at overveje"), _("udbredte indsatstyper, kommunen ikke har i gang")),
    BriefSection("projection", _("Fremskrivning"), _("udbud og behov af pædagoger, når data findes")),
    BriefSection("targets", _("Mål"), _("kommunens egne mål og deres status")),
    BriefSection("facts", _("Nøgletal"), _("landstal med kilder")),
    BriefSection("method", _("Metode"), _("hvordan tallene er regnet")),
]
BY_KEY = {section.key: section for section in SECTIONS}
PARAM = "afsnit"
# How long a request waits for another brief to finish before it is answered 503; a cold render of the default
# brief takes about two seconds on a quiet machine.
RENDER_WAIT_SECONDS = 5.0
RETRY_AFTER_SECONDS = 15
# The render lock is a cache entry, so that sync gunicorn workers (one request each) sharing a cache also wait for
# each other; it expires by itself should its worker die mid-render.
RENDER_LOCK = "brief:rendering"
RENDER_LOCK_SECONDS = 120

logger = logging.getLogger(__name__)


def chosen_sections(query: QueryDict) -> list[BriefSection]:
    """The sections asked for, in the brief's order; all of them when none is named (a plain link).
    Unknown names are ignored, as a hand-edited URL should still give a brief."""
    asked = set(query.getlist(PARAM))
    known = [section for section in SECTIONS if section.key in asked]
    return known or list(SECTIONS)


@dataclass
class PathwayPart:
    coverage: object  # indicators.coverage.PathwayCoverage
    table: Table  # the page's table, printed under the chart
    bars: list[svg.PrintBar]


@dataclass
class Brief:
    municipality: Municipality
    generated: datetime
    sections: list[BriefSection]
    dashboard: MunicipalityDashboard
    imports: list[DataImport]  # the data status: the latest finished import of each kind
    pathways: list[PathwayPart] = field(default_factory=list)
    projection: projection_pages.ProjectionPage | None = None
    projection_svg: SafeString | None = None
    targets: target_pages.TargetsPage | None = None

    @property
    def keys(self) -> set[str]:
        return {section.key for section in self.sections}


def latest_imports() -> list[DataImport]:
    """The newest successful import of each kind, in the kinds' order: what the figures rest on."""
    latest: dict[str, DataImport] = {}
    for record in DataImport.objects.filter(status=DataImport.Status.SUCCEEDED).order_by("-finished_at", "-pk"):
        latest.setdefault(record.kind, record)
    return [latest[kind] for kind in DataImport.Kind.values if kind in latest]


def build_brief(municipality: Municipality, dashboard: MunicipalityDashboard, query: QueryDict) -> Brief:
    sections = chosen_sections(query)
    brief = Brief(municipality, timezone.now(), sections, dashboard, latest_imports())
    if "pathways" in brief.keys:
        brief.pathways = [PathwayPart(coverage, types_table(coverage, with_notes=False),
                                      svg.pathway_type_bars(coverage)) for coverage in dashboard.coverage.pathways]
    if "projection" in brief.keys:
        brief.projection = projection_pages.municipality_projection(municipality, query)
        if brief.projection.projection is not None:
            brief.projection_svg = svg.projection_svg(brief.projection.projection)
    if "targets" in brief.keys:
        brief.targets = target_pages.targets_page(municipality)
    return brief


@dataclass(frozen=True)
class RenderedBrief:
    pdf: bytes
    filename: str


class Busy(Exception):
    """Another brief was being rendered and did not finish within RENDER_WAIT_SECONDS."""


def cache_name(code: int, query: QueryDict) -> str:
    """The brief a URL asks for: the municipality, the sections chosen and the other parameters (planned, the
    projection's scenario), in a fixed order so that the same brief asked for differently is one entry."""
    sections = ",".join(section.key for section in chosen_sections(query))
    rest = sorted((name, value) for name, values in query.lists() if name != PARAM for value in values)
    digest = hashlib.sha256(repr(rest).encode()).hexdigest()[:32]
    return f"brief:{code}:{sections}:{digest}"


def cached_pdf(version: str, name: str, render: Callable[[], RenderedBrief]) -> RenderedBrief:
    """The brief `name` for this data version: from the cache, or rendered now, one render at a time.

    Raises Busy when another render holds the lock for longer than RENDER_WAIT_SECONDS. A request that waited for
    a render of the same brief finds it in the cache once it has the lock."""
    key = data_version.cache_key(version, name)
    if (found := cache.get(key)) is not None:
        return found
    owner = uuid.uuid4().hex
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while not cache.add(RENDER_LOCK, owner, RENDER_LOCK_SECONDS):
        if time.monotonic() >= deadline:
            logger.warning("Brief %s not rendered: another brief was being rendered (answered 503)", name)
            raise Busy(name)
        time.sleep(0.05)
    try:
        if (found := cache.get(key)) is None:
            found = render()
            cache.set(key, found, data_version.CACHE_SECONDS)
        return found
    finally:
        if cache.get(RENDER_LOCK) == owner:  # not one a later render took after this one's lock expired
            cache.delete(RENDER_LOCK)
