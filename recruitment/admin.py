from django.contrib import admin

from .models import Membership, Municipality, Pathway, Region, SsoGroupMapping, TargetGroup


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


class TargetGroupInline(admin.TabularInline):
    model = TargetGroup
    extra = 0


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    inlines = [TargetGroupInline]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "pathway"]
    list_filter = ["pathway"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "role", "title", "from_sso"]
    list_filter = ["role", "from_sso", "municipality__region"]
    search_fields = ["user__username", "municipality__name"]
    autocomplete_fields = ["municipality"]


@admin.register(SsoGroupMapping)
class SsoGroupMappingAdmin(admin.ModelAdmin):
    list_display = ["provider_id", "group", "municipality", "role"]
    list_filter = ["provider_id", "role"]
    search_fields = ["group", "municipality__name"]
    autocomplete_fields = ["municipality"]
