from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from recruitment.forms import ModelMultipleChoiceField

from .forms import InterventionRulesForm
from .models import (
    InspirationCase,
    Intervention,
    InterventionType,
    KnowledgeContact,
    NoneRunConfirmation,
    StaleVersionError,
)


@admin.register(InterventionType)
class InterventionTypeAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "target_group", "theme"]
    list_filter = ["target_group__pathway", "target_group", "theme"]
    search_fields = ["label", "slug"]


@admin.register(Intervention)
class InterventionAdmin(SimpleHistoryAdmin):
    # The HR pages' rules and version: a change form opened before someone else's save is refused, with
    # what they changed, instead of silently restoring the old values.
    form = InterventionRulesForm
    change_form_template = "interventions/admin/intervention_change_form.html"
    list_display = ["title", "municipality", "intervention_type", "status", "start_date", "end_date"]
    list_filter = ["status", "municipality__region", "intervention_type__target_group__pathway"]
    search_fields = ["title", "municipality__name"]
    autocomplete_fields = ["municipality", "intervention_type"]
    filter_horizontal = ["target_groups"]
    # The form's fields and its hidden version (the model's version is not editable; the form's field of
    # the same name carries the version the admin opened the form at).
    fields = ["municipality", *InterventionRulesForm.Meta.fields, "version"]
    exclude = ["version"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersionError:
            # Someone saved between the form's check and this save (the transaction is rolled back):
            # validating again now meets their version and shows the refused form.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.update(conflict=form.conflict, both_changed=form.both_changed)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change) -> None:
        # Saved with its target groups in save_related, so the history gets one entry per save.
        if not change:
            obj.created_by = request.user
        else:
            # The version the admin opened the form at, not the one just read: that is what is checked.
            obj.version = form.cleaned_data["version"]

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
    formfield_overrides = {models.ManyToManyField: {"form_class": ModelMultipleChoiceField}}


@admin.register(NoneRunConfirmation)
class NoneRunConfirmationAdmin(SimpleHistoryAdmin):
    """Editors' "we run none of these", standing or ended (ended_on: the first intervention was registered); an
    admin may correct one, and the history keeps every change."""

    list_display = ["municipality", "confirmed_on", "confirmed_by", "ended_on"]
    list_filter = [("ended_on", admin.EmptyFieldListFilter), "municipality__region"]
    search_fields = ["municipality__name"]
    autocomplete_fields = ["municipality"]
    raw_id_fields = ["confirmed_by"]


@admin.register(KnowledgeContact)
class KnowledgeContactAdmin(SimpleHistoryAdmin):
    """A municipality's contact for knowledge sharing, set by its editors on their own page; an admin may correct
    or remove one (a person who left), and the history keeps every change."""

    list_display = ["municipality", "name", "role", "email", "updated_at"]
    list_filter = ["municipality__region"]
    search_fields = ["municipality__name", "name", "email"]
    autocomplete_fields = ["municipality"]
