"""Small helpers to read what a page shows: an element's HTML, its tables' text, a json_script's data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Elements(HTMLParser):
    """Collects the outer HTML of the elements that match a tag name and attribute values."""

    def __init__(self, html: str, tag: str | None, attrs: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.html, self.tag, self.attrs = html, tag, attrs
        self.line_starts = [0]
        for line in html.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.open: list[tuple[str, int, int]] = []  # (tag, depth at start, offset) of matches not yet closed
        self.depth = 0
        self.found: list[tuple[int, str]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _matches(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        values = dict(attrs)
        return (self.tag in (None, tag)) and all(values.get(name) == value for name, value in self.attrs.items())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        if self._matches(tag, attrs):
            if tag in VOID:
                self.found.append((start, self.get_starttag_text() or ""))
                return
            self.open.append((tag, self.depth, start))
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._matches(tag, attrs):
            self.found.append((self._offset(), self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth -= 1
        if self.open and self.open[-1][0] == tag and self.open[-1][1] == self.depth:
            _tag, _depth, start = self.open.pop()
            end = self.html.index(">", self._offset()) + 1
            self.found.append((start, self.html[start:end]))


def find_all(html: str, tag: str | None = None, **attrs: str) -> list[str]:
    """The outer HTML of every element with this tag (any, when None) and these attribute values, in page order;
    write `aria-labelledby` as `aria_labelledby` and `class` as `class_`."""
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    parser = _Elements(html, tag, wanted)
    parser.feed(html)
    parser.close()
    return [outer for _start, outer in sorted(parser.found)]


def element(html: str, element_id: str) -> str:
    """The HTML of the element with this id, up to its matching end tag."""
    found = find_all(html, id=element_id)
    assert found, f"no element with id {element_id!r}"
    return found[0]


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


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")


def text(html: str) -> str:
    """The visible text, whitespace collapsed: for phrases that span tags."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def unwrapped(labels: list[str]) -> list[str]:
    """Axis labels as one line each: the charts wrap long type names with <br> (charts.base.wrap)."""
    return [label.replace("<br>", " ") for label in labels]
