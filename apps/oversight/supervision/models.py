"""Supervision of lower levels (检查督导): a visit by a city or county office to a region below it, and the
rectification items (整改事项) it leaves, each reported by the supervised office and accepted by the supervisor."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitKind(models.TextChoices):
    # Seed 000 五(二) and seed 004 五(三): 系统检查与联合检查、自我检查与上级抽查、综合检查和专项检查.
    SYSTEM = "system", _("系统检查")
    JOINT = "joint", _("联合督导")
    SPOT = "spot", _("上级抽查")
    COMPREHENSIVE = "comprehensive", _("综合检查")
    SPECIAL = "special", _("专项检查")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("整改中")
    REPORTED = "reported", _("已报告整改，待验收")
    CLOSED = "closed", _("已验收销号")


class SupervisionVisit(models.Model):
    """One supervision visit: the office of ``supervisor`` (a city or county) checks ``region`` (below it)."""

    supervisor = models.ForeignKey("regions.Region", verbose_name=_("督导单位"), on_delete=models.PROTECT,
                                   related_name="+")
    region = models.ForeignKey("regions.Region", verbose_name=_("被督导地区"), on_delete=models.PROTECT,
                               related_name="supervision_visits")
    visited_on = models.DateField(_("督导日期"), db_index=True)
    kind = models.CharField(_("督导方式"), max_length=20, choices=VisitKind.choices)
    participants = models.CharField(_("参加人员和部门"), max_length=500,
                                    help_text=_("如 市人社局、市总工会、市企联、市工商联。"))
    findings = models.TextField(_("发现的问题"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("检查督导")
        verbose_name_plural = _("检查督导")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.visited_on} · {self.region} · {self.get_kind_display()}"

    def clean(self) -> None:
        if self.supervisor_id and self.region_id and (
                self.region_id == self.supervisor_id or not self.supervisor.contains(self.region)):
            raise ValidationError({"region": _("只能督导本级以下的地区。")})


class RectificationItem(models.Model):
    """A rectification item of a visit: what to fix, by when, by which office, and how it was closed."""

    visit = models.ForeignKey(SupervisionVisit, verbose_name=_("检查督导"), on_delete=models.PROTECT,
                              related_name="items")
    description = models.TextField(_("整改事项"))
    deadline = models.DateField(_("整改期限"))
    responsible = models.ForeignKey("regions.Region", verbose_name=_("责任单位"), on_delete=models.PROTECT,
                                    related_name="rectification_items")
    status = models.CharField(_("状态"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    measures = models.TextField(_("整改情况"), blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报告人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("验收人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    review_comment = models.TextField(_("验收意见"), blank=True)

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["responsible", "status", "deadline"], name="rectification_due")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_on__isnull=False, closed_by__isnull=False),
                name="rectification_closed_has_who_and_when"),
        ]

    def __str__(self) -> str:
        return self.description[:40]

    def is_overdue(self, today: datetime.date) -> bool:
        """Still to be rectified (not reported, not closed) after its deadline."""
        return self.status == ItemStatus.OPEN and self.deadline < today

    def clean(self) -> None:
        if self.visit_id and self.responsible_id and not self.visit.region.contains(self.responsible):
            raise ValidationError({"responsible": _("责任单位须是被督导地区或其下级。")})
