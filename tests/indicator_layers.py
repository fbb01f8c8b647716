"""The layers inside indicators/ and the packages' import graph, for tests/test_architecture.py."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A feature package (projection/, targets/) holds several layers, so a layer is a set of modules, not of
# packages: each module path (relative to indicators/) takes the layer of its longest matching prefix. Lowest
# first; a module may import its own layer and those below it. The api app sits on top of all of them.
INDICATOR_LAYERS = ["models", "computations", "charts", "pages", "views"]
INDICATOR_LAYER_OF = {
    # models: the tables and the value rules they use
    "models/": "models", "migrations/": "models", "numbers.py": "models", "shares.py": "models",
    # computations: what the figures are, with no idea of a chart or a page
    "__init__.py": "computations", "coverage/": "computations", "timeline/": "computations",
    "comparison.py": "computations", "compare_sets.py": "computations", "similarity.py": "computations",
    "practicum.py": "computations",
    "workforce.py": "computations", "projection/": "computations", "targets/": "computations",
    "imports/": "computations", "reference/": "computations",
    "regions/": "computations",  # the KKR view: completeness, who to learn from
    "filters.py": "computations",  # the URL filters as read (a form), which pages, their views and the API share
    # charts: plotly figures, their tables and downloads
    "charts/": "charts", "projection/charts.py": "charts", "targets/charts.py": "charts",
    "regions/table.py": "charts", "regions/slides.py": "charts", "regions/deck_parts.py": "charts",
    # pages: one builder per page, returning what the page shows
    "dashboards/": "pages", "projection/pages.py": "pages", "projection/municipality_page.py": "pages",
    "projection/figures.py": "pages", "projection/levers.py": "pages", "projection/sentences.py": "pages",
    "projection/dashboard.py": "pages", "projection/sums.py": "pages", "targets/page.py": "pages",
    "regions/page.py": "pages", "regions/__init__.py": "pages",
    # views: what answers a request (views, urls, forms), the admin and the commands
    "view_helpers.py": "views", "dashboards/views.py": "views", "dashboards/urls.py": "views",
    "projection/views.py": "views", "projection/urls.py": "views", "targets/views.py": "views",
    "targets/urls.py": "views", "targets/forms.py": "views", "imports/views.py": "views", "imports/urls.py": "views",
    "imports/format_views.py": "views", "imports/forms.py": "views", "regions/views.py": "views",
    "regions/urls.py": "views", "admin.py": "views", "apps.py": "views", "management/": "views",
    "context_processors.py": "views",  # what every page's layout is given (the demo banner)
}
INDICATORS = ROOT / "indicators"


def indicator_layer(module: str) -> str | None:
    """The layer of a module path relative to indicators/ ("projection/charts.py"); None when unplaced."""
    prefixes = [prefix for prefix in INDICATOR_LAYER_OF if module == prefix or
                (prefix.endswith("/") and module.startswith(prefix))]
    return INDICATOR_LAYER_OF[max(prefixes, key=len)] if prefixes else None


def indicator_modules() -> list[str]:
    return sorted(str(path.relative_to(INDICATORS)) for path in INDICATORS.rglob("*.py"))


def _module_file(dotted: str) -> str | None:
    """indicators.projection.pages → projection/pages.py (a package → its __init__.py); None for a name."""
    parts = dotted.split(".")[1:]
    for candidate in (Path(*parts).with_suffix(".py") if parts else None, Path(*parts, "__init__.py")):
        if candidate is not None and (INDICATORS / candidate).is_file():
            return str(candidate)
    return None


def _typing_only(tree: ast.AST) -> set[ast.AST]:
    """Imports under `if TYPE_CHECKING:` are for annotations: no dependency at run time or in the design."""
    return {child for node in ast.walk(tree) if isinstance(node, ast.If) and getattr(node.test, "id", "") ==
            "TYPE_CHECKING" for statement in node.body for child in ast.walk(statement)}


def indicator_imports(module: str, code: str) -> list[tuple[str, str]]:
    """(importer, imported) for each module of indicators/ that `module` imports, relative imports resolved; a
    name taken from a package (`from . import trend_marks`) is the module, not the package."""
    package = ["indicators", *Path(module).parent.parts]
    tree = ast.parse(code)
    skipped = _typing_only(tree)
    edges = []
    for node in ast.walk(tree):
        if node in skipped or not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = ".".join([*package[:len(package) - node.level + 1], *([node.module] if node.module else [])]) \
                if node.level else node.module or ""
            names = [f"{base}.{alias.name}" for alias in node.names]
            names = [name if _module_file(name) else base for name in names]
        for name in names:
            if name.split(".")[0] == "indicators" and (imported := _module_file(name)) and imported != module:
                edges.append((module, imported))
    return sorted(set(edges))


def all_indicator_imports() -> list[tuple[str, str]]:
    return [edge for module in indicator_modules()
            for edge in indicator_imports(module, (INDICATORS / module).read_text(encoding="utf-8"))]


def upward_imports(edges: list[tuple[str, str]]) -> list[str]:
    rank = {layer: index for index, layer in enumerate(INDICATOR_LAYERS)}
    return [f"{importer} ({indicator_layer(importer)}) → {imported} ({indicator_layer(imported)})"
            for importer, imported in edges
            if rank[indicator_layer(imported) or "views"] > rank[indicator_layer(importer) or "views"]]


def package_of(module: str) -> str:
    """The package a module belongs to: its first folder under indicators/, or the module itself at the top."""
    return Path(module).parts[0]


def package_cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """The groups of indicators/ packages that import each other round a cycle (strongly connected components
    of more than one package)."""
    graph: dict[str, set[str]] = {}
    for importer, imported in edges:
        if package_of(importer) != package_of(imported):
            graph.setdefault(package_of(importer), set()).add(package_of(imported))

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for following in graph.get(todo.pop(), set()) - seen:
                seen.add(following)
                todo.append(following)
        return seen

    reach = {package: reachable(package) for package in graph}
    cycles = {frozenset({package} | {other for other in reach[package] if package in reach.get(other, set())})
              for package in graph if package in reach[package]}
    return sorted(sorted(cycle) for cycle in cycles)


