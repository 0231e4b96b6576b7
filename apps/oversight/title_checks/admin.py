from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import CheckRound, TitleCheck


@admin.register(CheckRound)
class CheckRoundAdmin(ReadOnlyAdmin):
    list_display = ["year", "office", "region", "method"]


@admin.register(TitleCheck)
class TitleCheckAdmin(ReadOnlyAdmin):
    list_display = ["round", "unit", "result", "checked_on"]
