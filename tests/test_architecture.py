"""Dependencies run one way: api → indicators → interventions → recruitment (docs/design.md, docs/architecture.md);
inside indicators/, views → pages → charts → computations → models, and no cycle between its packages.

The test walks every Python module of every app (imports inside functions too) and every template (`{% load %}`,
`{% include %}`, `{% extends %}`) and fails on an arrow that points up. A new top-level app must be placed in
LAYERS; until it is, this test names it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from tests.indicator_layers import (
    INDICATOR_LAYERS,
    all_indicator_imports,
    indicator_imports,
    indicator_layer,
    indicator_modules,
    package_cycles,
    upward_imports,
)

ROOT = Path(__file__).resolve().parent.parent

# Highest first: an app may use the apps after it, never those before it. `api` (a read API) sits on top.
LAYERS = ["api", "indicators", "interventions", "recruitment"]
# The project package wires the apps together by name (INSTALLED_APPS, include("indicators.dashboards.urls")),
# as strings, not imports; these modules may nevertheless import any app.
WIRING = {"recruitment/settings.py", "recruitment/urls.py", "recruitment/asgi.py", "recruitment/wsgi.py"}
# Project-wide templates (base.html, error pages) belong to the bottom layer.
PROJECT_TEMPLATES = ROOT / "templates"

TEMPLATE_TAG = re.compile(r"{%\s*(load|include|extends)\s+([^%]+?)\s*%}")


@dataclass(frozen=True)
class Arrow:
    source: str  # file, relative to the repository
    importer: str  # the app the file belongs to
    imported: str  # the app it uses
    what: str

    def __str__(self) -> str:
        return f"{self.source}: {self.importer} → {self.imported} ({self.what})"


def apps() -> list[str]:
    return sorted(path.parent.name for path in ROOT.glob("*/apps.py"))


def allowed(importer: str, imported: str) -> bool:
    return importer == imported or LAYERS.index(importer) < LAYERS.index(imported)


def python_arrows(app: str) -> list[Arrow]:
    arrows = []
    for path in sorted((ROOT / app).rglob("*.py")):
        source = str(path.relative_to(ROOT))
        if source in WIRING:
            continue
        arrows += module_arrows(source, app, path.read_text(encoding="utf-8"))
    return arrows


def module_arrows(source: str, app: str, code: str) -> list[Arrow]:
    """The other apps a module imports (relative imports stay inside the app)."""
    arrows = []
    for node in ast.walk(ast.parse(code)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in LAYERS and top != app:
                arrows.append(Arrow(source, app, top, f"import {name}"))
    return arrows


def template_owners() -> dict[str, str]:
    """Template name → the app whose templates/ folder holds it."""
    owners = {}
    for app in apps():
        folder = ROOT / app / "templates"
        for path in folder.rglob("*.html"):
            owners[str(path.relative_to(folder))] = app
    for path in PROJECT_TEMPLATES.rglob("*.html"):
        owners[str(path.relative_to(PROJECT_TEMPLATES))] = LAYERS[-1]
    return owners


def tag_libraries() -> dict[str, str]:
    """Template tag library name → the app that defines it."""
    return {path.stem: path.parent.parent.name for path in ROOT.glob("*/templatetags/*.py")
            if path.stem != "__init__"}


def template_arrows(source: str, app: str, text: str, owners: dict[str, str],
                    libraries: dict[str, str]) -> list[Arrow]:
    arrows = []
    for tag, argument in TEMPLATE_TAG.findall(text):
        if tag == "load":
            used = [libraries.get(name) for name in argument.split() if name != "from"]
        else:
            name = argument.split()[0].strip("\"'")
            used = [owners.get(name)]
        arrows += [Arrow(source, app, other, f"{{% {tag} {argument} %}}") for other in used
                   if other is not None and other != app]
    return arrows


def all_template_arrows() -> list[Arrow]:
    owners, libraries = template_owners(), tag_libraries()
    arrows = []
    folders = [(ROOT / app / "templates", app) for app in apps()] + [(PROJECT_TEMPLATES, LAYERS[-1])]
    for folder, app in folders:
        for path in sorted(folder.rglob("*.html")):
            arrows += template_arrows(str(path.relative_to(ROOT)), app, path.read_text(encoding="utf-8"), owners,
                                      libraries)
    return arrows


def test_it_knows_where_every_app_sits():
    unplaced = [app for app in apps() if app not in LAYERS]
    assert not unplaced, f"Place these apps in LAYERS (tests/test_architecture.py): {unplaced}"


def test_it_finds_no_import_against_the_layers():
    arrows = [arrow for app in apps() for arrow in python_arrows(app)]
    wrong = [str(arrow) for arrow in arrows if not allowed(arrow.importer, arrow.imported)]
    assert not wrong, "Imports against api → indicators → interventions → recruitment:\n" + "\n".join(wrong)


def test_it_finds_no_template_using_a_higher_app():
    wrong = [str(arrow) for arrow in all_template_arrows() if not allowed(arrow.importer, arrow.imported)]
    assert not wrong, "Templates against api → indicators → interventions → recruitment:\n" + "\n".join(wrong)


def test_it_has_no_template_tag_that_reaches_the_database():
    """Views build what templates show; a tag that queries hides a dependency and a query."""
    for path in ROOT.glob("*/templatetags/*.py"):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"\bmodels\b|\bobjects\b|django\.db", code), path


# --- The checker itself can fail ------------------------------------------------------------------------

def test_it_catches_an_upward_import_anywhere_in_a_module():
    code = "from recruitment.models import Region\n\ndef later():\n    from indicators.coverage import mean\n"
    arrows = module_arrows("interventions/x.py", "interventions", code)
    assert [(a.imported, allowed(a.importer, a.imported)) for a in arrows] == [("recruitment", True),
                                                                              ("indicators", False)]


def test_it_catches_a_template_that_loads_or_includes_from_a_higher_app():
    text = '{% load i18n coverage %}{% include "indicators/chart.html" with chart=c %}{% extends "base.html" %}'
    arrows = template_arrows("interventions/templates/x.html", "interventions", text,
                             {"indicators/chart.html": "indicators", "base.html": "recruitment"},
                             {"coverage": "indicators"})
    assert [(a.imported, allowed(a.importer, a.imported)) for a in arrows] == [
        ("indicators", False), ("indicators", False), ("recruitment", True)]


def test_it_lets_a_new_app_on_top_use_everything_below():
    assert allowed("api", "indicators") and allowed("api", "recruitment") and not allowed("recruitment", "api")


# --- Layers inside indicators/ (tests/indicator_layers.py) ---------------------------------------------

def test_every_indicators_module_has_a_layer():
    unplaced = [module for module in indicator_modules() if indicator_layer(module) is None]
    assert not unplaced, f"Place these modules in INDICATOR_LAYER_OF (tests/test_architecture.py): {unplaced}"


def test_no_module_of_indicators_imports_a_higher_layer():
    wrong = upward_imports(all_indicator_imports())
    assert not wrong, f"Imports against {' → '.join(reversed(INDICATOR_LAYERS))} in indicators/:\n" + "\n".join(wrong)


def test_no_two_packages_of_indicators_import_each_other_round_a_cycle():
    cycles = package_cycles(all_indicator_imports())
    assert not cycles, f"Packages of indicators/ in a cycle: {cycles}"


# --- The checks inside indicators/ can fail ----------------------------------------------------------------

def test_it_resolves_relative_imports_to_the_modules_of_indicators():
    """projection/sums.py: `..charts.base` is charts/base.py, `.sentences` projection/sentences.py, `..projection`
    the package's __init__.py; a typing-only import is no edge."""
    code = ("from ..charts.base import Chart\nfrom .sentences import MILESTONES\nfrom ..projection import Scenario\n"
            "from . import levers\nif TYPE_CHECKING:\n    from indicators.dashboards import views\n")
    assert indicator_imports("projection/sums.py", code) == [
        ("projection/sums.py", "charts/base.py"), ("projection/sums.py", "projection/__init__.py"),
        ("projection/sums.py", "projection/levers.py"), ("projection/sums.py", "projection/sentences.py")]


def test_it_catches_an_upward_import_between_layers():
    """A model importing a chart (models → charts) is upward; the chart importing the model is not; a page of the
    projection importing the projection's views is upward inside one package."""
    edges = [("models/targets.py", "charts/base.py"), ("charts/base.py", "models/targets.py"),
             ("projection/sums.py", "projection/views.py")]
    assert upward_imports(edges) == ["models/targets.py (models) → charts/base.py (charts)",
                                     "projection/sums.py (pages) → projection/views.py (views)"]


def test_it_catches_a_cycle_between_packages():
    """The old cycle: targets/views.py → dashboards/targets.py → charts/targets.py → targets/observed.py; a chain
    without the last edge is no cycle."""
    chain = [("targets/views.py", "dashboards/targets.py"), ("dashboards/targets.py", "charts/targets.py")]
    assert package_cycles(chain) == []
    assert package_cycles([*chain, ("charts/targets.py", "targets/observed.py")]) == [
        ["charts", "dashboards", "targets"]]
