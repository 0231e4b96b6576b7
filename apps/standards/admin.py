from django.contrib import admin

from .models import Criterion, Standard


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    """Read-only: standards are loaded from files with `load_standard`, never edited here."""

    list_display = ["code", "version", "title", "unit_kind", "locality", "effective_from", "is_example"]
    list_filter = ["unit_kind", "is_example"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["standard", "code", "kind", "min_score", "max_score"]
    list_filter = ["standard"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
