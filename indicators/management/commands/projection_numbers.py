"""The projection's headline numbers for the data loaded (e.g. the demo): the national central gap in 2030 and
2035, one municipality's supply path, and the national sums of pedagogues and new graduates hired in the base
years – to set beside the published forecasts (README: the projection section); and the backcast: the model run from
the statistics' first year beside the counts they observed after."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Sum

from indicators.models import WorkforceStat
from indicators.projection import Scenario, assumptions, defaults, inputs_for, inputs_for_all, project
from indicators.projection.backcast import national_backcast
from indicators.projection.pages import MILESTONES, national_page
from recruitment.models import Municipality


class Command(BaseCommand):
    help = "Print the projection's national central gap, a municipality's supply path and the base-year sums."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", type=int, default=165, help="Its code (default 165, Albertslund).")

    def handle(self, *args: object, municipality: int, **options: object) -> None:
        chosen = Municipality.objects.filter(code=municipality).first()
        if chosen is None:
            raise CommandError(f"No municipality with code {municipality}.")
        page = national_page()
        gaps = {year: supply - demand for year, supply, demand, _count in page.rows}
        self.stdout.write(f"Municipalities with a projection: {page.with_data} of {page.total} ({page.vintages})")
        for year in MILESTONES:
            if year in gaps:
                self.stdout.write(f"National central gap {year}: {gaps[year]:,.0f} FTE")
        if page.rows:
            first = page.rows[0]
            self.stdout.write(f"National gap in the base year (today's unfilled posts): {first[1] - first[2]:,.0f}")
        everyone = inputs_for_all(Scenario(), list(Municipality.objects.all()), everyone=True)
        stats = [inputs.stat for inputs in everyone if inputs.stat is not None]
        self.stdout.write(f"Σ pedagogues in the base years (persons): {sum(s.paedagoger or 0 for s in stats):,}")
        self.stdout.write(f"Σ new graduates hired in the base years: {sum(s.nyuddannede_ansat or 0 for s in stats):,}")
        self.stdout.write(f"Σ hired in the base years: {sum(s.nyansatte or 0 for s in stats):,}")
        unfilled = sum(s.ubesatte_stillinger or 0 for s in stats)
        self.stdout.write(f"Σ unfilled posts in the base years (FTE): {unfilled:,}")
        self.stdout.write("Σ pedagogues by year in the statistics: " + ", ".join(
            f"{row['year']}: {row['total']:,}" for row in WorkforceStat.objects.values("year")
            .annotate(total=Sum("paedagoger")).order_by("year")))
        backcast = national_backcast(defaults(assumptions()))
        if backcast:
            self.stdout.write(f"Backcast from {backcast[0].year} ({backcast[0].municipalities} municipalities), "
                              "Σ pedagogues modelled / observed: " + "; ".join(
                                  f"{row.year}: {row.modelled:,.0f} / {row.observed:,}" for row in backcast))
        inputs = inputs_for(chosen, Scenario())
        if inputs.base is None:
            self.stdout.write(f"{chosen.name}: no workforce statistics.")
            return
        projection = project(inputs.base, inputs.children, defaults(assumptions()), base_children=inputs.base_children)
        if projection is None:
            self.stdout.write(f"{chosen.name}: no children in the base year.")
            return
        observed = ", ".join(f"{year}: {count}" for year, count, _part in inputs.history)
        self.stdout.write(f"{chosen.name}: observed pedagogues {observed}; hires {projection.resolved.hires:.1f} "
                          f"a year ({projection.resolved.hires_rule})")
        self.stdout.write(f"{chosen.name} supply (persons / FTE / gap): " + "; ".join(
            f"{row.year}: {row.pedagogues:.1f} / {row.supply_fte:.1f} / {row.gap_fte:.1f}" for row in projection.rows))
