"""A target of Albertslund's as the target tests make it: coverage of the internship, 16,7 % in 2023 to 50 % by
2027, unless the test says otherwise."""

from decimal import Decimal

from indicators.models import Target
from recruitment.models import Municipality


def albertslund_target(**fields) -> Target:
    values = {"municipality": Municipality.objects.get(code=165), "indicator": Target.Indicator.COVERAGE_INTERNSHIP,
              "baseline_value": Decimal("16.7"), "baseline_year": 2023, "target_value": Decimal(50),
              "target_year": 2027, "source": "Rekrutteringsstrategi 2024–2027, s. 4"}
    values.update(fields)
    return Target.objects.create(**values)
