from django.contrib import admin

from .models import InspirationCase, Intervention, InterventionType


@admin.register(InterventionType)
class InterventionTypeAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "target_group", "theme"]
    list_filter = ["target_group__pathway", "target_group", "theme"]
    search_fields = ["label", "slug"]


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "intervention_type", "status", "start_date", "end_date"]
    list_filter = ["status", "municipality__region", "intervention_type__target_group__pathway"]
    search_fields = ["title", "municipality__name"]
    autocomplete_fields = ["municipality", "intervention_type"]
    filter_horizontal = ["target_groups"]


@admin.register(InspirationCase)
class InspirationCaseAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "target_group"]
    filter_horizontal = ["intervention_types"]
