"""A target's numbers have limits: the form refuses what a page cannot show (in Danish, naming the line or
field), reads numbers as Danes write them ("2.000", "16,7"), and the pages survive a value stored before."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from indicators.models import Target
from indicators.models.targets import parse_manual_values
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db

FORM = {"indicator": "custom", "custom_label": "x", "custom_unit": "antal", "manual_values": "2024; 40",
        "baseline_value": "40", "baseline_year": "2024", "target_value": "100", "target_year": "2027",
        "direction": "higher", "source": "Strategi, s. 4"}
NEXT_YEAR = timezone.localdate().year + 1


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"manual_values": "2024; 1000000000000000000000000000"}, "manual_values",
     "Linje 1: værdien må have højst 10 cifre før kommaet og 2 efter."),
    ({"manual_values": "2024; 40\n2025; 1e999999"}, "manual_values",
     "Linje 2: “2025; 1e999999” er ikke et år og et tal."),
    ({"manual_values": "2024; 40\n2025; NaN"}, "manual_values", "Linje 2: “2025; NaN” er ikke et år og et tal."),
    ({"manual_values": "2024; 40,125"}, "manual_values",
     "Linje 1: værdien må have højst 10 cifre før kommaet og 2 efter."),
    ({"manual_values": "2023; 40"}, "manual_values", "Linje 1: året 2023 ligger uden for målets periode 2024–2027."),
    ({"manual_values": "2024; 40\n2028; 50"}, "manual_values",
     "Linje 2: året 2028 ligger uden for målets periode 2024–2027."),
    ({"manual_values": f"2024; 40\n{NEXT_YEAR}; 50", "target_year": str(NEXT_YEAR + 1)}, "manual_values",
     f"Linje 2: året {NEXT_YEAR} er ikke kommet endnu."),
    ({"baseline_value": "10000000000000000000000000"}, "baseline_value",
     "Værdien må have højst 10 cifre før kommaet og 2 efter."),
    ({"target_value": "1e999999"}, "target_value", "Skriv et tal, fx 2.000 eller 16,7."),
    ({"target_value": "150,125"}, "target_value", "Værdien må have højst 10 cifre før kommaet og 2 efter."),
    ({"indicator": "pedagogue-share", "manual_values": "", "target_value": "120"}, "target_value",
     "En andel skal ligge mellem 0 og 100 %."),
    ({"indicator": "practicum-return", "manual_values": "", "baseline_value": "-5", "target_value": "50"},
     "baseline_value", "En andel skal ligge mellem 0 og 100 %."),
])
def test_it_refuses_values_a_page_cannot_show_in_danish(editor_a_client, change, field, message):
    response = editor_a_client.post("/municipalities/165/targets/new/", {**FORM, **change})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not Target.objects.exists()


def test_it_reads_danish_thousands_separators_and_decimal_commas(editor_a_client):
    form = {**FORM, "manual_values": "2024; 1.500\n2025; 2.000,5", "baseline_value": "1.500",
            "target_value": "3.000"}
    response = editor_a_client.post("/municipalities/165/targets/new/", form)
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.baseline_value, target.target_value) == (D(1500), D(3000))
    assert target.observed_manual() == {2024: D(1500), 2025: D("2000.5")}
    assert parse_manual_values("2024; 2.000") == {2024: D(2000)}


def test_it_reads_a_percentage_of_exactly_0_and_100(editor_a_client):
    form = {**FORM, "indicator": "pedagogue-share", "manual_values": "", "baseline_value": "0",
            "target_value": "100"}
    assert editor_a_client.post("/municipalities/165/targets/new/", form).status_code == 302


@pytest.mark.parametrize("stored", ["2024; 1000000000000000000000000000", "2024; 1e999999", "2024; NaN",
                                    "2024; 40\n2025; -Infinity", "1800; 4", "unreadable"])
def test_the_pages_survive_a_bad_value_stored_before(editor_a_client, stored):
    Target.objects.create(municipality=Municipality.objects.get(code=165), indicator=Target.Indicator.CUSTOM,
                          custom_label="x", manual_values=stored, baseline_value=D(40), baseline_year=2024,
                          target_value=D(100), target_year=2027, source="s")
    for query in ("", "?csv=targets", "?xlsx=targets"):
        assert editor_a_client.get(f"/municipalities/165/targets/{query}").status_code == 200, query
    assert editor_a_client.get("/municipalities/165/brief.pdf").status_code == 200
