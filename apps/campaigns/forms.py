from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput
from apps.regions.models import Region

from .models import CampaignYear


class CampaignYearForm(forms.ModelForm):
    class Meta:
        model = CampaignYear
        fields = [
            "city", "year", "self_evaluation_opens", "self_evaluation_closes", "county_review_deadline",
            "city_confirmation_deadline", "notice_working_days", "township_precheck",
        ]
        widgets = {
            name: DateInput()
            for name in ("self_evaluation_opens", "self_evaluation_closes", "county_review_deadline",
                         "city_confirmation_deadline")
        }
        error_messages = {
            "__all__": {"unique": _("该市这一年度的创建活动已经存在。")},
        }

    def __init__(self, *args, cities: list[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = Region.objects.filter(pk__in=[city.pk for city in cities])
        self.fields["city"].empty_label = None
        self.fields["notice_working_days"].min_value = 1
        self.fields["notice_working_days"].widget.attrs["min"] = 1
