from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import CaseLogEntry, RevocationCase, RevocationRule


@admin.register(RevocationRule)
class RevocationRuleAdmin(ReadOnlyAdmin):
    list_display = ["name", "city", "min_severity", "min_count", "window_days", "is_active"]


@admin.register(RevocationCase)
class RevocationCaseAdmin(ReadOnlyAdmin):
    list_display = ["recognition", "rule", "status", "opened_at"]
    list_filter = ["status"]


@admin.register(CaseLogEntry)
class CaseLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["case", "action", "by", "at"]
