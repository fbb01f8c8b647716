"""A population projection file's columns and cells: the spellings of its headers, and converters for years up to
2100, ages, the vintage's name, the variant and an area (a municipality, or an aggregate area to skip).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from indicators.models import PopulationProjection

from ..validation import KEY_ALIASES, MIN_YEAR, MunicipalityLookup, choice_converter, compact

MAX_YEAR = 2100
AGES = range(6)  # 0 … 5 years: the two bands 0–2 and 3–5
AGGREGATE = -1  # an area that is not one municipality (Hele landet, a region): skipped

ALIASES: dict[str, tuple[str, ...]] = {
    "aar": (*KEY_ALIASES["aar"], "tid"),
    "kommunekode": KEY_ALIASES["kommunekode"],
    "kommune": (*KEY_ALIASES["kommune"], "område", "omraade", "område_kode", "area"),
    "boern_0_2": ("børn 0-2", "børn 0-2 år", "børn 0–2 år", "0-2 årige", "børn_0_2"),
    "boern_3_5": ("børn 3-5", "børn 3-5 år", "børn 3–5 år", "3-5 årige", "børn_3_5"),
    "alder": ("age",),
    "antal": ("indhold", "personer", "value"),
    "koen": ("køn", "sex"),
    "fremskrivning": ("vintage", "udgave", "projection"),
    "variant": ("forløb", "fremskrivningsvariant"),
}

VARIANT = choice_converter(
    {**dict.fromkeys(("hoved", "hovedfremskrivning", "central", "middel"), PopulationProjection.Variant.CENTRAL),
     **dict.fromkeys(("lav", "low"), PopulationProjection.Variant.LOW),
     **dict.fromkeys(("høj", "high"), PopulationProjection.Variant.HIGH)},
    "hoved, lav eller høj",
)
TOTAL_SEX = {compact(text) for text in ("I alt", "Køn i alt", "total")}
AGGREGATE_AREAS = re.compile(r"^(hele landet|region |landsdel |danmark)", re.IGNORECASE)


def to_projection_year(text: str) -> int:
    cleaned = text.replace(" ", "")
    if not re.fullmatch(r"\d{4}([.,]0+)?", cleaned):
        raise ValueError(_("“%(value)s” er ikke et årstal.") % {"value": text})
    year = int(cleaned[:4])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(_("Årstallet %(year)d ligger uden for %(first)d–%(last)d.")
                         % {"year": year, "first": MIN_YEAR, "last": MAX_YEAR})
    return year


def to_age(text: str) -> int:
    """'0 år', '3', '5 år' → the age; 'I alt' and the like → -1 (skipped)."""
    if compact(text) in {"ialt", "alderialt", "total"}:
        return -1
    match = re.fullmatch(r"(\d{1,3})\s*(år)?(\s+og\s+derover)?", text.strip().lower())
    if not match:
        raise ValueError(_("“%(value)s” er ikke en alder (fx “0 år”).") % {"value": text})
    return int(match.group(1))


def to_vintage(text: str) -> str:
    if len(text) > 100:
        raise ValueError(_("Fremskrivningens navn må højst være 100 tegn."))
    return text


def area_converter(municipalities: MunicipalityLookup):
    """A municipality by code, name, or DST's 'code name'; aggregate areas give AGGREGATE."""

    def convert(text: str) -> int:
        if AGGREGATE_AREAS.match(text.strip()):
            return AGGREGATE
        match = re.fullmatch(r"(\d{1,4})\s+\D.*", text.strip())
        if match:
            return municipalities.from_code(match.group(1))
        if re.fullmatch(r"[\d\s.,]+", text):
            return municipalities.from_code(text)
        return municipalities.from_name(text)

    return convert
