from django.contrib import admin

from .models import Benchmark, BenchmarkSource, KeyFact


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
