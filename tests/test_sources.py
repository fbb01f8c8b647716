"""Sources as records, figures with a data year, a geography and a verbatim quote.

Every quote stored in the reference data must stand in its source document, kept in tests/data/seeds/ as the
PDF-to-text copies the reference data was read from (compared whitespace-normalised, with words broken over a
line joined again: indicators/reference/quotes.py).
"""

import csv
import re
from pathlib import Path

from indicators.models import Benchmark, BenchmarkSource, KeyFact
from indicators.reference.loader import REFERENCE_DIR
from indicators.reference.quotes import normalise, occurs
from tests.pages import element, text

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
BARE_CODE = re.compile(r"\bEVA,? ?20\d\d[a-d]\b")


def _csv(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _documents() -> dict[str, str]:
    return {row["key"]: (SEEDS / row["seed_file"]).read_text(encoding="utf-8")
            for row in _csv("sources.csv") if row["seed_file"]}


def test_it_normalises_whitespace_and_words_broken_over_a_line():
    assert normalise("Overvej at tilrettelægge kompetenceud-\nvikling  som\tet") == (
        "Overvej at tilrettelægge kompetenceudvikling som et")
    assert occurs("kompetenceudvikling", "kompetenceud-\n  vikling")
    assert not occurs("80 % af kommunerne", "45% 24% 57% 41%")


def test_every_stored_quote_stands_in_its_source_document():
    documents = _documents()
    quotes = [(row["slug"], row["quote"], row["quote_source"]) for row in _csv("eva_catalog.csv")]
    quotes += [(row["slug"], row["recommendation_quote"], "eva-booklet") for row in _csv("eva_catalog.csv")
               if row["recommendation_quote"]]
    quotes += [(row["slug"], row["quote"], row["quote_source"]) for row in _csv("key_facts.csv")]
    quotes += [(row["title"], row["quote"], row["source_key"]) for row in _csv("cases.csv")]
    missing = [(name, quote) for name, quote, source in quotes if not quote or not occurs(quote, documents[source])]
    assert missing == []
    assert len(quotes) == 43 + 16 + 27 + 8


def test_every_figure_has_a_quote_a_source_record_and_a_data_year_apart_from_publication(db):
    for benchmark in Benchmark.objects.select_related("source", "quote_source"):
        assert benchmark.quote and benchmark.quote_location and benchmark.quote_source, benchmark
    for fact in KeyFact.objects.select_related("source_record"):
        assert fact.source_record and fact.quote and fact.geography and fact.population, fact.slug
        assert not BARE_CODE.search(fact.source_record.name), fact.slug
    booklet = BenchmarkSource.objects.get(slug="eva-booklet")
    assert (booklet.year, KeyFact.objects.get(slug="admissions-2016").year) == (2024, 2016)
    assert KeyFact.objects.get(slug="assistants-meeting-merit-criteria").year is None  # the booklet does not say


def test_it_never_puts_the_spu_figures_under_the_country_or_pedagogues_only(db):
    for slug in ["spu-want-to-return", "spu-supervisors-formal-training"]:
        fact = KeyFact.objects.select_related("source_record").get(slug=slug)
        assert fact.geography.startswith("Region Hovedstaden")
        assert "alle velfærdsuddannelser" in fact.population and "ikke kun" in fact.population
        assert fact.source_record.slug == "kkr-spu"
        assert "velfærdsuddannelserne" in fact.label


def test_it_shows_source_title_data_year_geography_and_the_quote_on_demand(chef_client):
    section = element(chef_client.get("/municipalities/165/").content.decode(), "key-facts")
    words = text(section)
    assert ("5.700 Pædagoger i dagtilbud over 55 år (næsten 1 ud af 5) Gælder: Hele landet · Pædagoger i dagtilbud "
            "Kilde: Inspirationshæfte til kommunerne fra undersøgelsen Flere pædagoger til daginstitutioner, "
            "Danmarks Evalueringsinstitut (EVA), 2024. Kilden oplyser ikke, hvilket år tallet er fra.") in words
    assert "Optagne på den ordinære pædagoguddannelse i 2016" in words and "Tallet er fra 2016." in words
    assert "Gælder: Region Hovedstaden" in words
    assert "<summary>Hvor står det?</summary>" in section
    assert "»Blandt pædagoger i dagtilbud er næsten hver femte over 55 år, dvs. ca. 5.700 pædagoger.«" in words
    assert not BARE_CODE.search(words)
