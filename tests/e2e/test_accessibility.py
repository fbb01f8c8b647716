"""axe-core on every page type as the user who sees it: no violation of any impact (WCAG 2.1 A/AA and axe's best
practices), as Lighthouse's accessibility score of 100 asks; each part's findings are also written to
test-artifacts/axe-report-<part>.json."""

from __future__ import annotations

import json

import pytest

from indicators.reference.demo import seed_demo
from tests.conftest import ARTIFACTS
from tests.e2e.site import WALK_PARTS, Visit, build_visits, provenance_problems, walk, walk_part

pytestmark = pytest.mark.e2e

RUN_AXE = """async () => {
  // Open every <details> (the charts' tables, the inspiration cases) so axe checks what they hide.
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return await axe.run(document, {resultTypes: ['violations']});
}"""


def _describe(violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                        for node in violation["nodes"][:5])
    more = f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else ""
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} – {targets}{more}"


@pytest.mark.parametrize("part", WALK_PARTS)
def test_it_finds_no_accessibility_violations_on_any_page(
        browser, live_server, monkeypatch, reference_data, chef, editor_a, admin_user, make_intervention,
        axe_script, part):
    seed_demo()
    visits = walk_part(build_visits(make_intervention, editor_a, admin_user), part)
    report: dict[str, list[dict]] = {}
    failures: list[str] = []
    screenshots = ARTIFACTS / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)

    def check(page, visit: Visit, response) -> None:
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate(RUN_AXE)
        page.screenshot(path=str(screenshots / f"a11y-{visit.name}.png"), full_page=True, caret="initial",
                        timeout=90_000)  # a whole long page on a busy machine
        report[visit.name] = result["violations"]
        # The same walk checks every figure's provenance: no developer notes, no bare source codes,
        # no figure without a source line.
        failures.extend(f"{visit.name} ({visit.path}): {problem}" for problem in provenance_problems(page))
        failures.extend(f"{visit.name} ({visit.path}): {_describe(violation)}" for violation in result["violations"])

    # bypass_csp: axe is injected as a script the page's CSP would refuse (the CSP has its own test).
    walk(browser, live_server.url, visits, monkeypatch, check, bypass_csp=True)
    (ARTIFACTS / f"axe-report-{part}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False),
                                                       encoding="utf-8")
    assert len(report) == len(visits)
    assert failures == [], "accessibility violations or figures without provenance:\n" + "\n".join(failures)
