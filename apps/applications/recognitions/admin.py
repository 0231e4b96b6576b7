from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import Recognition


@admin.register(Recognition)
class RecognitionAdmin(ReadOnlyAdmin):
    list_display = ("number", "unit", "title", "grade", "issued_on", "valid_until", "status")
    list_filter = ("status", "year")
    search_fields = ("number", "unit__name")
