from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CultivationQuota(models.Model):
    """How many cultivation targets each county of a city selects per year (a city setting).

    Defaults follow the Zaozhuang plan: at least 4 enterprises and 1
    park or township/street per county per year.
    """

    city = models.OneToOneField("regions.Region", verbose_name=_("城市"), on_delete=models.PROTECT,
                                related_name="+")
    min_enterprises = models.PositiveSmallIntegerField(_("每县每年培育企业不少于"), default=4)
    min_areas = models.PositiveSmallIntegerField(_("每县每年培育园区或乡镇(街道)不少于"), default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("最后修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("培育数量要求")
        verbose_name_plural = _("培育数量要求")

    def __str__(self) -> str:
        return str(self.city)


class CultivationTarget(models.Model):
    """A unit a county has chosen to cultivate (培育对象) in a year, with its coordinator."""

    unit = models.ForeignKey("registry.Unit", verbose_name=_("培育单位"), on_delete=models.PROTECT,
                             related_name="cultivation_targets")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2020), MaxValueValidator(2100)])
    coordinator = models.ForeignKey("registry.Coordinator", verbose_name=_("联系协调员"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="cultivation_targets")
    goal = models.CharField(_("培育目标"), max_length=200, blank=True)
    selected_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("确定人"), on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(_("确定时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("培育对象")
        verbose_name_plural = _("培育对象")
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="cultivationtarget_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.year} · {self.unit}"


class GuidanceVisit(models.Model):
    """A coordinator's guidance visit to a cultivation target."""

    target = models.ForeignKey(CultivationTarget, verbose_name=_("培育对象"), on_delete=models.CASCADE,
                               related_name="visits")
    visited_on = models.DateField(_("指导日期"))
    topic = models.CharField(_("指导主题"), max_length=200)
    findings = models.TextField(_("发现的问题"))
    next_step = models.TextField(_("下一步措施"), blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("指导记录")
        verbose_name_plural = _("指导记录")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.target} · {self.visited_on}"
