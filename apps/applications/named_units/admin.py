from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import ProvinceExport, YearlyReport


@admin.register(YearlyReport)
class YearlyReportAdmin(ReadOnlyAdmin):
    list_display = ("recognition", "year", "status", "submitted_at", "reviewed_at")
    list_filter = ("status", "year")
    search_fields = ("recognition__unit__name", "recognition__number")
    raw_id_fields = ("recognition", "submitted_by", "reviewed_by")


@admin.register(ProvinceExport)
class ProvinceExportAdmin(ReadOnlyAdmin):
    list_display = ("city", "year", "status", "done", "total", "created_at")
    readonly_fields = ("file",)
