from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import AnnualReport, TypicalCase


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["kind", "region", "year", "version", "status", "progress"]
    list_filter = ["kind", "status"]


@admin.register(TypicalCase)
class TypicalCaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "region", "year", "is_published"]
