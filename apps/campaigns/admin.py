from django.contrib import admin

from apps.core.admin_mixins import ReadOnlyAdmin

from .models import CampaignYear


@admin.register(CampaignYear)
class CampaignYearAdmin(ReadOnlyAdmin):
    list_display = ["city", "year", "self_evaluation_opens", "self_evaluation_closes", "county_review_deadline"]
