from django.contrib import admin

from .models import Recognition


@admin.register(Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    list_display = ("number", "unit", "title", "grade", "issued_on", "valid_until", "status")
    list_filter = ("status", "year")
    search_fields = ("number", "unit__name")
    readonly_fields = ("number", "sequence", "city", "year", "unit", "issued_by")
