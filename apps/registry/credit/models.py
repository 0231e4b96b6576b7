"""Labour-security integrity of enterprises over time: dated credit-grade evaluations and the red list."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.registry.enterprises.models import CreditGrade

# A is the best grade: a grade meets a minimum when it ranks at or above it.
_GRADE_RANK = {CreditGrade.A: 3, CreditGrade.B: 2, CreditGrade.C: 1}


def grade_meets(grade: str, minimum: str) -> bool:
    return _GRADE_RANK.get(grade, 0) >= _GRADE_RANK[minimum]


def evaluation_valid_on_q(day: datetime.date) -> Q:
    """Evaluations in force on ``day``: made by then and not yet lapsed (no end date: until the next one)."""
    return Q(evaluated_on__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def red_list_member_on_q(day: datetime.date) -> Q:
    """Red-list entries that hold on ``day``: listed by then and not yet ended (the exit day is off the list)."""
    return Q(listed_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


class CreditEvaluation(models.Model):
    """One dated labour-security integrity grading of an enterprise (劳动保障诚信等级评价), such as 十堰's
    "15333" dynamic evaluation. The enterprise's current grade is the latest one in force."""

    enterprise = models.ForeignKey("registry.Enterprise", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="credit_evaluations")
    grade = models.CharField(_("诚信等级"), max_length=1, choices=CreditGrade.choices)
    evaluated_on = models.DateField(_("评价日期"))
    evaluated_by = models.CharField(_("评价机关"), max_length=100,
                                    help_text=_("如 十堰市人力资源和社会保障局（劳动保障诚信等级动态评价会议）。"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True,
                                   help_text=_("评价结果未规定有效期的留空，直到下一次评价。"))
    note = models.CharField(_("备注"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("诚信等级评价")
        verbose_name_plural = _("诚信等级评价")
        ordering = ["-evaluated_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("evaluated_on")),
                                   name="creditevaluation_valid_after_evaluation"),
        ]
        indexes = [models.Index(fields=["enterprise", "evaluated_on"])]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.grade} {self.evaluated_on}"


class RedListEntry(models.Model):
    """A period on the labour-security law-abiding and integrity red list (守法诚信红名单)."""

    enterprise = models.ForeignKey("registry.Enterprise", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="red_list_entries")
    listed_on = models.DateField(_("列入日期"))
    listed_by = models.CharField(_("列入机关"), max_length=100)
    reason = models.CharField(_("列入事由"), max_length=200)
    ended_on = models.DateField(_("移出日期"), null=True, blank=True)
    end_reason = models.CharField(_("移出原因"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("守法诚信红名单")
        verbose_name_plural = _("守法诚信红名单")
        ordering = ["-listed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise"], condition=Q(ended_on__isnull=True),
                                    name="redlistentry_one_open_per_enterprise"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("listed_on")),
                                   name="redlistentry_ends_after_listing"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(end_reason__gt=""),
                                   name="redlistentry_end_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.listed_on}"
