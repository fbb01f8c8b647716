"""Small helpers to read what a page shows: an element's HTML, its tables' text, a json_script's data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser


def element(html: str, element_id: str) -> str:
    """The HTML of the element with this id, up to its matching end tag."""
    start = re.search(rf'<(\w+)[^>]*\sid="{re.escape(element_id)}"', html)
    assert start, f"no element with id {element_id!r}"
    tag = start.group(1)
    depth, position = 0, start.start()
    for match in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start.start():]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[position:start.start() + match.end()]
    raise AssertionError(f"unclosed element {element_id!r}")


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (whitespace collapsed), header row included."""
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def figure_json(html: str, data_id: str) -> dict:
    match = re.search(rf'<script id="{re.escape(data_id)}" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no json_script {data_id!r}"
    return json.loads(match.group(1))


def text(html: str) -> str:
    """The visible text, whitespace collapsed: for phrases that span tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())
