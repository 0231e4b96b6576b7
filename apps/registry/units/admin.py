from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import Unit


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "region", "verification_status"]
    list_filter = ["kind", "verification_status"]
    search_fields = ["name"]
    raw_id_fields = ["region", "township"]
