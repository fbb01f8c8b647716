"""Checking that a quote stored in the reference data stands in its source document.

The seed documents are PDF-to-text: lines break anywhere, sometimes inside a word with a hyphen
("kompetenceud-\\nvikling"). A quote is compared with its document after both are normalised the same
way: runs of whitespace become one space, and a hyphen before a line break inside a word is dropped.
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")
_BROKEN_WORD = re.compile(r"(?<=\w)- (?=[a-zæøå])")


def normalise(text: str) -> str:
    return _BROKEN_WORD.sub("", _WHITESPACE.sub(" ", text).strip())


def occurs(quote: str, document: str) -> bool:
    return normalise(quote) in normalise(document)
