from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import IncentiveGrant, IncentiveMeasure


@admin.register(IncentiveMeasure)
class IncentiveMeasureAdmin(ReadOnlyAdmin):
    list_display = ["name", "department"]


@admin.register(IncentiveGrant)
class IncentiveGrantAdmin(ReadOnlyAdmin):
    list_display = ["measure", "recognition"]
