from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .forms import rule_errors
from .models import InspirationCase, Intervention, InterventionType


@admin.register(InterventionType)
class InterventionTypeAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "target_group", "theme"]
    list_filter = ["target_group__pathway", "target_group", "theme"]
    search_fields = ["label", "slug"]


class InterventionAdminForm(admin.ModelAdmin.form):
    def clean(self) -> dict:
        cleaned = super().clean()
        for field, message in rule_errors(cleaned.get("status"), cleaned.get("start_date"),
                                          cleaned.get("end_date"), cleaned.get("participants_actual")).items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned


@admin.register(Intervention)
class InterventionAdmin(SimpleHistoryAdmin):
    form = InterventionAdminForm
    list_display = ["title", "municipality", "intervention_type", "status", "start_date", "end_date"]
    list_filter = ["status", "municipality__region", "intervention_type__target_group__pathway"]
    search_fields = ["title", "municipality__name"]
    autocomplete_fields = ["municipality", "intervention_type"]
    filter_horizontal = ["target_groups"]
    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change) -> None:
        # Saved with its target groups in save_related, so the history gets one entry per save.
        if not change:
            obj.created_by = request.user

    def save_related(self, request, form, formsets, change) -> None:
        form.instance.save_with_target_groups(form.cleaned_data["target_groups"], request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def revert_disabled(self, request, obj=None) -> bool:
        # Reverting from the admin would bypass the version check; restoring deleted interventions
        # goes through the restore page, which keeps the history straight.
        return True


@admin.register(InspirationCase)
class InspirationCaseAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "target_group"]
    filter_horizontal = ["intervention_types"]
