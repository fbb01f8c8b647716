from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Benchmark,
    BenchmarkSource,
    Grouping,
    GroupMembership,
    KeyFact,
    MunicipalityGroup,
    PopulationProjection,
    ProjectionAssumption,
    Target,
)


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
    # Decimal commas in the editable column too, as in the others ("0,8500", not "0.8500"); typed the same way.
    formfield_overrides = {models.DecimalField: {"localize": True}}
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


class MunicipalityGroupInline(admin.TabularInline):
    model = MunicipalityGroup
    extra = 1
    fields = ["name", "position"]


@admin.register(Grouping)
class GroupingAdmin(admin.ModelAdmin):
    """Groupings to compare with (also imported as a file of the kind "Kommunegrupper"); members per group."""

    list_display = ["name", "slug", "source"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalityGroupInline]


class MembershipFormSet(BaseInlineFormSet):
    """The same municipality twice in one group is refused before the database would refuse it."""

    def clean(self) -> None:
        super().clean()
        seen = set()
        for form in self.forms:
            municipality = form.cleaned_data.get("municipality") if form.cleaned_data else None
            if municipality is None or form.cleaned_data.get("DELETE"):
                continue
            if municipality.pk in seen:
                raise ValidationError(_("%(name)s står to gange i gruppen.") % {"name": municipality.name})
            seen.add(municipality.pk)


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    formset = MembershipFormSet
    extra = 3
    autocomplete_fields = ["municipality"]


@admin.register(MunicipalityGroup)
class MunicipalityGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "grouping", "position"]
    list_filter = ["grouping"]
    inlines = [GroupMembershipInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    """A municipality's own targets; edited on the targets pages (with their version check), read here with their
    history."""

    list_display = ["municipality", "indicator", "custom_label", "target_value", "target_year"]
    list_filter = ["indicator", "municipality__region"]
    search_fields = ["municipality__name"]

    def has_add_permission(self, request) -> bool:
        return False  # the targets pages check the version and the figures; the admin would bypass both

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def revert_disabled(self, request, obj=None) -> bool:
        return True
