from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import RectificationItem, SupervisionVisit


@admin.register(SupervisionVisit)
class SupervisionVisitAdmin(ReadOnlyAdmin):
    list_display = ["visited_on", "supervisor", "region", "kind"]


@admin.register(RectificationItem)
class RectificationItemAdmin(ReadOnlyAdmin):
    list_display = ["visit", "responsible", "deadline", "status"]
