from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IncentiveMeasure(models.Model):
    """One incentive in the catalogue (激励措施), with who grants it and who qualifies."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("措施名称"), max_length=100)
    description = models.TextField(_("内容"), blank=True)
    department = models.CharField(_("实施部门"), max_length=100)
    enterprises_only = models.BooleanField(_("仅限企业"), default=False)
    requires_credit_grade_a = models.BooleanField(
        _("须劳动保障诚信等级为A级"), default=False,
        help_text=_("如减少监察和稽核检查频次，要求达到创建标准且符合守法诚信等级要求。"),
    )
    basis = models.CharField(_("政策依据"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("激励措施")
        verbose_name_plural = _("激励措施")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    def eligibility_display(self) -> str:
        parts = [str(_("已命名且称号有效"))]
        if self.enterprises_only:
            parts.append(str(_("企业")))
        if self.requires_credit_grade_a:
            parts.append(str(_("劳动保障诚信A级")))
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
