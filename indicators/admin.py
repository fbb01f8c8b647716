from django.contrib import admin

from .models import Benchmark, BenchmarkSource, KeyFact, PopulationProjection, ProjectionAssumption


@admin.register(BenchmarkSource)
class BenchmarkSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "publisher", "year"]


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ["intervention_type", "share_pct", "confidence", "source"]
    list_filter = ["confidence", "source", "intervention_type__target_group__pathway"]
    search_fields = ["intervention_type__label", "note"]
    list_editable = ["share_pct", "confidence"]


@admin.register(KeyFact)
class KeyFactAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "unit", "source", "year"]
    list_filter = ["pathway", "source"]


@admin.register(ProjectionAssumption)
class ProjectionAssumptionAdmin(admin.ModelAdmin):
    """The workforce projection's default assumptions; users may try other values for their session only."""

    list_display = ["label", "value", "minimum", "maximum", "source"]
    list_editable = ["value"]
    readonly_fields = ["slug"]
    fields = ["slug", "label", "value", "minimum", "maximum", "source", "note"]

    def has_add_permission(self, request) -> bool:
        return False  # the model reads the assumptions it knows by slug; new ones come with the reference data

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PopulationProjection)
class PopulationProjectionAdmin(admin.ModelAdmin):
    list_display = ["vintage", "variant", "municipality", "year", "children_0_2", "children_3_5"]
    list_filter = ["vintage", "variant", "year"]
    search_fields = ["municipality__name", "vintage"]

    def has_add_permission(self, request) -> bool:
        return False  # projections come from imports, which keep their record

    def has_change_permission(self, request, obj=None) -> bool:
        return False
