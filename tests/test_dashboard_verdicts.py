"""The municipality dashboard's verdict per pathway, against hand computations.

The average municipality runs EVA's mean share of a pathway's types: through-internship's six shares are
78, 66, 44, 39, 28 and 27 % (mean 47,0 %), so 0,47 × 6 = 2,82 types, 3 rounded to a whole type.
"""

import re
from decimal import Decimal

import pytest

from indicators.coverage import CatalogueEntry, PathwayCoverage, TypeStatus
from indicators.dashboards.municipality import Verdict, verdicts
from indicators.models import Benchmark
from interventions.models import InterventionType
from recruitment.models import Pathway
from tests.pages import element, find_all, text

PRACTICUM = Pathway(name="Flere godt igennem praktikken", slug="through-internship")


def _status(share: str | None, active: bool, recommended: bool = False) -> TypeStatus:
    benchmark = Benchmark(share_pct=Decimal(share)) if share is not None else None
    return TypeStatus(CatalogueEntry(InterventionType(label="t", eva_recommends=recommended), benchmark), active,
                      running=active)


def _pathway(active: list[bool]) -> PathwayCoverage:
    shares = ["78", "66", "44", "39", "28", "27"]
    types = [_status(share, on) for share, on in zip(shares, active, strict=True)] + [_status(None, True)]
    return PathwayCoverage(PRACTICUM, types, [], sum(active))


class _Coverage:
    def __init__(self, *pathways: PathwayCoverage, reporting: bool = True) -> None:
        self.pathways = list(pathways)
        self.reporting = reporting


@pytest.mark.parametrize(("active", "comparison", "words"), [
    # 3 of 6 against 2,82 -> 3: level. A type without an EVA share never counts (the 7th, active).
    ([True, True, True, False, False, False], "level",
     "Flere godt igennem praktikken: 3 af 6 typer – som gennemsnitskommunen"),
    ([True, True, False, False, False, False], "below",
     "Flere godt igennem praktikken: 2 af 6 typer – færre end gennemsnitskommunen (2,8)"),
    ([True, True, True, True, False, False], "above",
     "Flere godt igennem praktikken: 4 af 6 typer – flere end gennemsnitskommunen (2,8)"),
])
def test_the_verdict_compares_the_count_with_the_average_municipality(active, comparison, words):
    (verdict,) = verdicts(_Coverage(_pathway(active)))
    assert (verdict.active_types, verdict.catalogue_types) == (sum(active), 6)
    assert verdict.average_types == Decimal("2.82")
    assert verdict.comparison == comparison
    assert verdict.counts_text == words
    assert verdict.missing_recommendations == 0  # none of these types is one EVA recommends


def test_the_average_is_rounded_half_up_to_a_whole_type():
    # 2,5 types (shares 50 % of 5 types): 2 is below, 3 is level.
    def verdict(active: int) -> Verdict:
        return Verdict(PRACTICUM, active, 5, Decimal("2.5"))
    assert (verdict(2).comparison, verdict(3).comparison) == ("below", "level")


def test_a_pathway_without_shares_gives_the_counts_only():
    verdict = Verdict(PRACTICUM, 0, 0, None)
    assert verdict.comparison == "unknown"
    assert verdict.counts_text == "Flere godt igennem praktikken: 0 af 0 typer"


def test_the_recommendations_clause_counts_the_recommended_types_not_running():
    # Three recommended types: one running, two not -> 2 missing; said only once the municipality reports.
    pathway = _pathway([True, False, False, False, False, False])
    pathway.types += [_status("50", True, recommended=True), _status("40", False, recommended=True),
                      _status(None, False, recommended=True)]
    (verdict,) = verdicts(_Coverage(pathway))
    assert verdict.missing_recommendations == 2
    (verdict,) = verdicts(_Coverage(pathway, reporting=False))
    assert verdict.missing_recommendations is None


@pytest.mark.django_db
def test_the_dashboard_opens_with_the_verdicts_then_the_navigation(chef_client, albertslund_known):
    # tests/test_dashboard.py: into-education 0 of 9, expected 40,7 % -> 3,66 types; through-internship
    # 2 of 6, 47,0 % -> 2,82; stay-in-job 0 of 18, 48,0 % -> 8,64.
    html = chef_client.get("/municipalities/165/").content.decode()
    slugs = ["into-education", "through-internship", "stay-in-job"]
    items = [text(find_all(html, "li", data_verdict=slug)[0]) for slug in slugs]
    # EVA's recommendations (fixtures/reference/eva_catalog.csv, eva_recommends): 6 for into-education, 4 for
    # through-internship (Albertslund runs none of them; its supervisor network is only planned), 6 for stay-in-job.
    missing = " ; {} af EVA's anbefalinger mangler"
    assert items == [
        "Flere ind på pædagoguddannelsen: 0 af 9 typer – færre end gennemsnitskommunen (3,7)" + missing.format(6),
        "Flere godt igennem praktikken: 2 af 6 typer – færre end gennemsnitskommunen (2,8)" + missing.format(4),
        "Flere til at blive i jobbet: 0 af 18 typer – færre end gennemsnitskommunen (8,6)" + missing.format(6),
    ]
    assert html.index('id="verdicts"') < html.index('class="page-nav"') < html.index('id="coverage-panel"')
    nav = element(html, "page-nav")
    targets = [href[1:] for href in re.findall(r'href="(#[\w-]+)"', nav)]
    assert targets == ["coverage-panel", "projection-panel", "worth-considering", "pathway-charts", "key-facts",
                       "brief"]
    for target in targets:
        assert f'id="{target}"' in html


@pytest.mark.django_db
def test_with_plans_the_practicum_is_level(chef_client, albertslund_known):
    html = chef_client.get("/municipalities/165/", {"planned": "1"}).content.decode()
    assert "Flere godt igennem praktikken: 3 af 6 typer – som gennemsnitskommunen" in html


@pytest.mark.django_db
def test_a_planned_suggestion_links_to_its_intervention_instead_of_inviting_a_second(editor_a_client,
                                                                                     albertslund_known):
    # through-internship's gaps without plans: placement-evaluation 44 %, supervisor-network 39 % (planned),
    # placement-rotation 28 %.
    from interventions.models import Intervention

    planned = Intervention.objects.get(municipality__code=165, intervention_type__slug="supervisor-network")
    html = editor_a_client.get("/municipalities/165/").content.decode()
    assert (f'<a href="/interventions/{planned.pk}/">Planlagt – se indsatsen<span class="visually-hidden">: '
            "Etablering af netværk for praktikvejledere</span></a>") in html
    assert "?type=supervisor-network" not in html
    assert ('href="/municipalities/165/interventions/new/?type=placement-evaluation&amp;status=running"'
            in html)


@pytest.mark.django_db
def test_start_opens_the_form_as_running_from_today_and_the_user_may_choose(editor_a_client, reference_data):
    from django.utils import timezone

    html = editor_a_client.get("/municipalities/165/interventions/new/",
                               {"type": "placement-evaluation", "status": "running"}).content.decode()
    assert re.search(r'<option value="running" selected>', html)
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert re.search(r'<option value="planned">', html)  # still a choice
    plain = editor_a_client.get("/municipalities/165/interventions/new/", {"type": "placement-evaluation"})
    assert re.search(r'<option value="planned" selected>', plain.content.decode())


@pytest.mark.django_db
def test_imports_refused_speak_of_imports(chef_client):
    response = chef_client.get("/imports/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Kun administratorer kan importere data." in html
    assert "ændre dens indsatser" not in html


@pytest.mark.django_db
def test_a_form_error_is_named_in_a_summary_at_the_top_linked_to_its_field(editor_a_client, admin_user, client):
    """GOV.UK's error summary: found even when the field is below the fold."""
    html = editor_a_client.post("/municipalities/165/interventions/new/",
                                {"title": "", "status": "running"}).content.decode()
    summary = element(html, "error-summary-title")
    assert summary == '<h2 id="error-summary-title" class="error-summary-title">Der er et problem</h2>'
    assert html.index("error-summary") < html.index('id="id_title"')
    assert re.search(r'<li><a href="#id_title">Titel: [^<]+</a></li>', html)
    assert re.search(r'<li><a href="#id_start_date">Startdato: En indsats, der er i gang, skal have en startdato.</a>',
                     html)
    client.force_login(admin_user)
    upload = client.post("/imports/upload/", {}).content.decode()
    assert re.search(r'<li><a href="#id_kind_0">[^<]+: [^<]+</a></li>', upload)
    assert re.search(r'<li><a href="#id_file">[^<]+: [^<]+</a></li>', upload)
