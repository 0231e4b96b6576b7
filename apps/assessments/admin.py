from django.contrib import admin

from .models import Application, ApplicationEvent


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "from_status", "to_status", "comment", "created_at"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only here: status changes go through the workflow service only."""

    list_display = ["unit", "campaign_year", "standard", "status", "revision"]
    list_filter = ["status"]
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
