from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class HonourCategory(models.TextChoices):
    """先进集体、先进个人 (临汾 五(三), 枣庄 三(三), 河东 三(七)) and a coordinator's honour (十堰: 金牌协调员)."""

    COLLECTIVE = "collective", _("先进集体")
    INDIVIDUAL = "individual", _("先进个人")
    COORDINATOR = "coordinator", _("协调员荣誉")


class RecommendingLevel(models.TextChoices):
    COUNTY = "county", _("县级推荐")
    CITY = "city", _("市级推荐")
    PROVINCE = "province", _("省级推荐")


class HonourStatus(models.TextChoices):
    RECOMMENDED = "recommended", _("推荐")
    AWARDED = "awarded", _("已授予")
    NOT_AWARDED = "not_awarded", _("未授予")


class Honour(models.Model):
    """A recommendation of a body or person for an honour in a year, and what became of it."""

    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2020), MaxValueValidator(2100)])
    category = models.CharField(_("类别"), max_length=20, choices=HonourCategory.choices)
    title = models.CharField(_("荣誉名称"), max_length=200,
                             help_text=_("如：全国和谐劳动关系创建工作先进集体、湖北省金牌劳动关系协调员。"))
    level = models.CharField(_("推荐层级"), max_length=20, choices=RecommendingLevel.choices)
    region = models.ForeignKey("regions.Region", verbose_name=_("所属区域"), on_delete=models.PROTECT,
                               related_name="+")
    recipient = models.CharField(_("集体或个人名称"), max_length=200)
    employer = models.CharField(_("工作单位"), max_length=200, blank=True,
                                help_text=_("个人所在单位；集体可不填。"))
    unit = models.ForeignKey("registry.Unit", verbose_name=_("对应的创建单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    coordinator = models.ForeignKey("registry.Coordinator", verbose_name=_("台账中的协调员"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="honours")
    status = models.CharField(_("状态"), max_length=20, choices=HonourStatus.choices,
                              default=HonourStatus.RECOMMENDED)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    decided_on = models.DateField(_("授予或结果日期"), null=True, blank=True)
    deeds = models.TextField(_("主要事迹"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("荣誉推荐")
        verbose_name_plural = _("荣誉推荐")
        ordering = ["-year", "category", "recipient", "pk"]
        indexes = [models.Index(fields=["region", "year"], name="honour_region_year")]
        constraints = [
            # A coordinator's honour names the ledger entry; an awarded honour carries its document number.
            models.CheckConstraint(condition=~Q(category="coordinator") | Q(coordinator__isnull=False),
                                   name="honour_coordinator_named"),
            models.CheckConstraint(condition=~Q(status="awarded") | ~Q(document_number=""),
                                   name="honour_awarded_has_document"),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.recipient} · {self.title}"
