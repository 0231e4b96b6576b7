from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import CultivationQuota, CultivationTarget, GuidanceVisit


@admin.register(CultivationQuota)
class CultivationQuotaAdmin(ReadOnlyAdmin):
    pass


@admin.register(CultivationTarget)
class CultivationTargetAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "coordinator"]


@admin.register(GuidanceVisit)
class GuidanceVisitAdmin(ReadOnlyAdmin):
    list_display = ["target", "visited_on", "topic"]
