from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import Criterion, Standard


@admin.register(Standard)
class StandardAdmin(ReadOnlyAdmin):
    """Standards are loaded from files with `load_standard`, never edited here."""

    list_display = ["code", "version", "title", "unit_kind", "locality", "effective_from", "is_example"]
    list_filter = ["unit_kind", "is_example"]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["standard", "code", "kind", "min_score", "max_score"]
    list_filter = ["standard"]
