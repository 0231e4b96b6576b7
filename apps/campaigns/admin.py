from django.contrib import admin

from .models import CampaignYear


@admin.register(CampaignYear)
class CampaignYearAdmin(admin.ModelAdmin):
    list_display = ["city", "year", "self_evaluation_opens", "self_evaluation_closes", "county_review_deadline"]
