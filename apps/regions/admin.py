from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]

    def get_readonly_fields(self, request, obj=None):
        # A region is not moved here: its path (and every path below it) would not follow, and the units of a
        # township moved to another county would no longer lie in their county (registry.units.models.place_errors).
        if obj is not None:
            return ["path", "parent", "level"]
        return self.readonly_fields
