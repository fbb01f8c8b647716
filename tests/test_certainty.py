"""Certainty in words a head of daycare understands, and suggestions that follow EVA's advice: both uncertain
kinds of share are marked wherever a share appears, user notes are plain Danish and developer notes never reach
a page."""

import csv
import re

import pytest

from indicators.coverage import missing_recommendations
from indicators.models import Benchmark
from indicators.reference.loader import REFERENCE_DIR
from interventions.models import Intervention
from recruitment.models import Municipality
from tests.pages import element, figure_json, tables, text, unwrapped

pytestmark = pytest.mark.django_db

# What only a developer would write: layout talk, bare candidate lists, English.
DEVELOPER_NOTE = re.compile(r"layoutet|betegnelse efterfulgt|\(\d\d eller \d\d\)|mulige værdier|label-then-figure"
                            r"|candidates|\b\d\d/\d\d\b")


def test_no_user_note_reads_like_a_developer_note():
    with open(REFERENCE_DIR / "eva_catalog.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["slug"] for row in rows if DEVELOPER_NOTE.search(row["note_da"])] == []
    uncertain = [row for row in rows if row["confidence"] in {"provisional", "inferred"}]
    assert len(uncertain) == 24
    assert all(len(row["note_da"].split()) >= 12 for row in uncertain)  # a sentence, not a code


def test_it_marks_inferred_shares_as_well_as_provisional_ones_on_every_page(chef_client):
    dashboard = chef_client.get("/municipalities/165/").content.decode()
    labels = figure_json(dashboard, "chart-stay-in-job-data")["data"][0]["y"]
    assert any(label.endswith("(udledt af teksten)") for label in labels)
    rows = tables(element(dashboard, "chart-stay-in-job"))[0]
    leadership = next(row for row in rows if row[0].startswith("Lederuddannelses"))
    assert leadership[2] == "63,0" and leadership[3].startswith("udledt af teksten: Tallet står lige under")
    pathway = text(chef_client.get("/municipalities/165/pathways/through-internship/").content.decode())
    assert "44 % udledt af teksten Hvorfor usikker?" in pathway
    assert "4 af de 6 andele er usikre (foreløbige eller udledt af teksten)" in pathway
    compare = chef_client.get("/compare/").content.decode()
    assert "Etablering af netværk for praktikvejledere (udledt af teksten)" in unwrapped(
        figure_json(compare, "heatmap-data")["data"][0]["y"])
    csv_text = chef_client.get("/compare/", {"csv": "adoption"}).content.decode("utf-8-sig")
    assert '"udledt af teksten: Tallet står lige under indsatsen' in csv_text
    for html in [dashboard, compare, pathway]:
        assert not DEVELOPER_NOTE.search(text(html))


def test_it_gives_each_suggestion_its_reason_and_evas_own_words(chef_client, albertslund_known):
    section = element(chef_client.get("/municipalities/165/").content.decode(), "worth-considering")
    items = {re.search(r"<h3>([^<]+)</h3>", item).group(1): text(item)
             for item in re.findall(r'<li class="suggestion">.*?</li>', section, re.S)}
    forum = items["Etablering af forum for erfaringsudveksling mellem studerende"]
    assert "Hvorfor foreslået: EVA anbefaler den – også selv om ikke så mange kommuner har den endnu." in forum
    assert "EVA anbefaler »At etablere forum for erfaringsudveksling blandt studerende.«" in forum
    evaluation = items["Øget fokus på evaluering af praktikstedet"]
    assert "EVA anbefaler den, og den er blandt vejens mest udbredte" in evaluation
    assert ("»synes det især vigtigt, at alle kommuner arbejder systematisk med evaluering af praktiksteder"
            in evaluation)
    sick_leave = items["Fokus på at nedbringe sygefravær"]
    assert "Hvorfor foreslået: Den er blandt vejens mest udbredte indsatser, som kommunen ikke har." in sick_leave
    assert "EVA anbefaler" not in sick_leave


def test_it_lists_the_recommended_types_a_municipality_lacks(add_intervention):
    add_intervention(165, Intervention.Status.RUNNING, "student-forum")
    add_intervention(165, Intervention.Status.PLANNED, "supervisor-network")  # plans do not count by default
    lacking = missing_recommendations(Municipality.objects.get(code=165))
    assert [s.intervention_type.slug for s in lacking["through-internship"]] == [
        "placement-evaluation", "supervisor-network", "placement-rotation"]
    with_plans = missing_recommendations(Municipality.objects.get(code=165), include_planned=True)
    assert "supervisor-network" not in [s.intervention_type.slug for s in with_plans["through-internship"]]
    assert Benchmark.objects.filter(intervention_type__eva_recommends=True).count() == 16


def test_it_names_the_measure_and_leads_with_counts(chef_client, albertslund_known):
    # Internship: 2 of 6 types; the average municipality runs 282 / 100 = 2.82 of them; one type is 16.7 points.
    html = chef_client.get("/municipalities/165/").content.decode()
    panel = text(element(html, "coverage-panel"))
    assert "det er ikke uddannelsesdækning" in panel and "et sammenligningstal, ikke et mål" in panel
    article = re.search(r'<article class="pathway-panel" aria-labelledby="pathway-through-internship">.*?</article>',
                        html, re.S).group(0)
    # As read: without the label's soft hyphen and the spaces text() puts inside the brackets.
    internship = text(article).replace("( ", "(").replace(" )", ")").replace("\xad", "")
    assert "Indsatstyper i gang 2 af 6 indsatstyper (33,3 %)" in internship
    assert "Gennemsnitskommunen ifølge EVA ca. 2,8 af 6 (47,0 %)" in internship
    assert "Forskel -0,8 indsatstyper (-13,7 point) Én indsatstype flytter vejen 16,7 point." in internship
    assert "Katalogdækning" not in html


@pytest.mark.parametrize(("confidence", "uncertain", "word"), [
    ("high", False, ""), ("none", False, ""), ("provisional", True, "foreløbig"),
    ("inferred", True, "udledt af teksten"),
])
def test_the_picker_and_the_pages_say_the_same_certainty_word(confidence, uncertain, word):
    """One rule (interventions.certainty) for the dashboards (Benchmark) and the HR form's picker (TypeOption):
    provisional and inferred shares are uncertain and say "foreløbig" / "udledt af teksten", the others nothing."""
    from decimal import Decimal

    from interventions.catalogue import TypeOption
    from interventions.models import InterventionType

    benchmark = Benchmark(confidence=confidence)
    option = TypeOption(InterventionType(label="X"), Decimal(40), confidence, "", "", "")
    assert (benchmark.is_uncertain, benchmark.certainty_word) == (uncertain, word)
    assert (option.is_uncertain, option.certainty_word) == (uncertain, word)
    assert option.share_text == (f"40 % ({word})" if uncertain else "40 %")
