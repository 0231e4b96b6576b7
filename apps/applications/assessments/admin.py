from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin, ReadOnlyAdminMixin

from .models import Application, ApplicationEvent


class EventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    readonly_fields = ["actor", "from_status", "to_status", "comment", "created_at"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    """Status changes go through the workflow service only."""

    list_display = ["unit", "campaign_year", "standard", "status", "revision"]
    list_filter = ["status"]
    inlines = [EventInline]
