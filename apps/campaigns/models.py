from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.regions.models import RegionLevel


class CampaignYear(models.Model):
    """One city's campaign calendar for one year: the windows every phase must respect."""

    city = models.ForeignKey(
        "regions.Region", verbose_name=_("市"), on_delete=models.PROTECT, related_name="campaign_years",
        limit_choices_to={"level": RegionLevel.CITY},
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    self_evaluation_opens = models.DateField(_("自评申报开始日期"))
    self_evaluation_closes = models.DateField(_("自评申报截止日期"))
    county_review_deadline = models.DateField(_("县级评估验收截止日期"))
    city_confirmation_deadline = models.DateField(_("市级确认截止日期"))
    notice_working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    township_precheck = models.BooleanField(_("启用乡镇(街道)测评"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("创建活动年度")
        verbose_name_plural = _("创建活动年度")
        ordering = ["-year", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="campaign_year_unique_per_city"),
            models.CheckConstraint(
                condition=Q(self_evaluation_closes__gte=F("self_evaluation_opens"))
                & Q(county_review_deadline__gte=F("self_evaluation_closes"))
                & Q(city_confirmation_deadline__gte=F("county_review_deadline")),
                name="campaign_year_phases_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city.name} {self.year} 年度"

    def clean(self) -> None:
        if self.city_id and self.city.level != RegionLevel.CITY:
            raise ValidationError({"city": _("创建活动年度只能设在市一级。")})
        order = [
            ("self_evaluation_opens", "self_evaluation_closes", _("自评申报截止日期不能早于开始日期。")),
            ("self_evaluation_closes", "county_review_deadline", _("县级评估验收截止日期不能早于自评申报截止日期。")),
            ("county_review_deadline", "city_confirmation_deadline",
             _("市级确认截止日期不能早于县级评估验收截止日期。")),
        ]
        errors = {}
        for earlier, later, message in order:
            first, second = getattr(self, earlier), getattr(self, later)
            if first and second and second < first:
                errors[later] = message
        if errors:
            raise ValidationError(errors)
