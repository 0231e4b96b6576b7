from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.registry.enterprises.models import CreditGrade


class TitleLevel(models.TextChoices):
    """The level of a title, lowest first; a measure may require at least one of them."""

    COUNTY = "county", _("县(市、区)级")
    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")


TITLE_LEVEL_RANK = {TitleLevel.COUNTY: 1, TitleLevel.CITY: 2, TitleLevel.PROVINCE: 3}


def title_level_of(level_text: str) -> str:
    """The level a recognition's wording states (省级, 市级, 区级, 县级, 天津市河东区级…); "" when it states none."""
    text = level_text.strip()
    if text.startswith("省"):
        return TitleLevel.PROVINCE
    if "县" in text or "区" in text:
        return TitleLevel.COUNTY
    if "市" in text:
        return TitleLevel.CITY
    return ""


class IncentiveMeasure(models.Model):
    """One incentive in a locality's catalogue (激励措施), with who grants it and who qualifies.

    A measure belongs to the city or district whose document lists it and applies to the units in and
    below it (as the campaign policy does); a measure without a region is one only a national document
    backs. Who qualifies is data: the title's level, the credit grade, red-list membership, enterprises only.
    """

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属地区"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="incentive_measures",
        help_text=_("列出该措施的文件所属的市或县(市、区)；其下各级沿用。"),
    )
    code = models.SlugField(_("代码"), max_length=40)
    name = models.CharField(_("措施名称"), max_length=100)
    description = models.TextField(_("内容"), blank=True)
    department = models.CharField(_("实施部门"), max_length=100)
    enterprises_only = models.BooleanField(_("仅限企业"), default=False)
    min_title_level = models.CharField(
        _("称号级别要求"), max_length=10, choices=TitleLevel.choices, blank=True,
        help_text=_("如 枣庄：省级联合激励只适用于达到省级标准的单位；留空则任何有效称号均可。"),
    )
    min_credit_grade = models.CharField(
        _("诚信等级要求"), max_length=1, choices=CreditGrade.choices, blank=True,
        help_text=_("至少达到的劳动保障诚信等级（A 最高）；文件未规定的留空。"),
    )
    requires_red_list = models.BooleanField(_("须列入守法诚信红名单"), default=False)
    basis = models.CharField(_("政策依据（文号）"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("激励措施")
        verbose_name_plural = _("激励措施")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="incentivemeasure_code_unique_per_region"),
            models.UniqueConstraint(fields=["code"], condition=Q(region__isnull=True),
                                    name="incentivemeasure_code_unique_without_region"),
        ]

    def __str__(self) -> str:
        return self.name

    def eligibility_display(self) -> str:
        parts = [str(_("已命名且称号有效"))]
        if self.min_title_level:
            parts.append(str(_("%(level)s及以上称号")) % {"level": self.get_min_title_level_display()})
        if self.enterprises_only:
            parts.append(str(_("企业")))
        if self.min_credit_grade:
            parts.append(str(_("劳动保障诚信等级%(grade)s级及以上")) % {"grade": self.min_credit_grade})
        if self.requires_red_list:
            parts.append(str(_("列入守法诚信红名单")))
        return "，".join(parts)


class GrantEndReason(models.TextChoices):
    REVOKED = "revoked", _("称号被取消")
    EXPIRED = "expired", _("称号到期")
    WITHDRAWN = "withdrawn", _("部门终止")


class IncentiveGrant(models.Model):
    """A measure granted to a named unit because of its title; it ends when the title does."""

    measure = models.ForeignKey(IncentiveMeasure, verbose_name=_("激励措施"), on_delete=models.PROTECT,
                                related_name="grants")
    recognition = models.ForeignKey("applications.Recognition", verbose_name=_("依据的称号"),
                                    on_delete=models.PROTECT, related_name="incentive_grants")
    unit = models.ForeignKey("registry.Unit", verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="incentive_grants")
    department = models.CharField(_("实施部门"), max_length=100)
    granted_on = models.DateField(_("享受起始日期"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                   related_name="+")
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)
    end_reason = models.CharField(_("终止原因"), max_length=10, choices=GrantEndReason.choices, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("激励落实")
        verbose_name_plural = _("激励落实")
        ordering = ["-granted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "recognition"], condition=Q(ended_on__isnull=True),
                                    name="incentivegrant_one_running_per_measure_and_title"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(end_reason__gt=""),
                                   name="incentivegrant_end_has_reason"),
        ]
        indexes = [models.Index(fields=["measure", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.measure}"
