"""Periodic checks of named units between renewals (临汾 seed 000, 五(四): 由省、市级…采取抽查、普查等方式…
定期对已命名的示范单位进行核查): a check round started by a province or city office, and one check record per
title it covers."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.draws import sample_per_group


class RoundMethod(models.TextChoices):
    SAMPLE = "sample", _("抽查")
    CENSUS = "census", _("普查")


class CheckMethod(models.TextChoices):
    ON_SITE = "on_site", _("实地核查")
    DOCUMENTS = "documents", _("书面核查")


class CheckResult(models.TextChoices):
    PASSED = "passed", _("合格")
    RECTIFY = "rectify", _("限期整改")
    REVOKE = "revoke", _("建议取消命名")


class CheckRound(models.Model):
    """One round of checks: the office of ``office`` checks the titles in force in ``region`` (its own region, or
    one county below it) in ``year``, all of them (普查) or a sample drawn at random (抽查).

    A sample is drawn per group (each county, where ``per_county``; else one group) from ``candidates`` (group →
    title ids in force when the round started) with ``seed``: ``sample_size`` titles per group, or ``sample_share``
    percent of it (rounded up). ``drawn`` is the result; ``rerun()`` draws again from what is recorded, so the
    draw can be reproduced by anyone.
    """

    office = models.ForeignKey("regions.Region", verbose_name=_("核查单位"), on_delete=models.PROTECT,
                               related_name="+")
    region = models.ForeignKey("regions.Region", verbose_name=_("核查范围"), on_delete=models.PROTECT,
                               related_name="title_check_rounds")
    year = models.PositiveSmallIntegerField(_("年度"))
    method = models.CharField(_("核查方式"), max_length=10, choices=RoundMethod.choices)
    sample_share = models.PositiveSmallIntegerField(_("抽查比例(%)"), null=True, blank=True)
    sample_size = models.PositiveSmallIntegerField(_("抽查数量"), null=True, blank=True)
    per_county = models.BooleanField(_("按县(市、区)分别抽取"), default=False)
    seed = models.CharField(_("随机种子"), max_length=32, blank=True)
    candidates = models.JSONField(_("在有效期内的称号"), default=dict, blank=True)
    drawn = models.JSONField(_("抽取结果"), default=dict, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("命名单位核查")
        verbose_name_plural = _("命名单位核查")
        ordering = ["-year", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method="census") | Q(sample_share__gte=1, sample_share__lte=100, sample_size__isnull=True)
                | Q(sample_size__gte=1, sample_share__isnull=True),
                name="title_check_round_sample_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.year} 年{self.region.name}{self.get_method_display()}"

    def clean(self) -> None:
        if self.office_id and self.region_id and not self.office.contains(self.region):
            raise ValidationError({"region": _("核查范围须是本级或下级地区。")})

    def size_for(self, group: str, count: int) -> int:
        """How many titles the round draws from a group of ``count``."""
        if self.method == RoundMethod.CENSUS:
            return count
        if self.sample_size:
            return self.sample_size
        return math.ceil(count * (self.sample_share or 0) / 100)

    def rerun(self) -> dict[str, list[int]]:
        return sample_per_group(self.candidates, self.seed, self.size_for)

    @property
    def reproduces(self) -> bool:
        return self.rerun() == self.drawn

    @property
    def candidate_count(self) -> int:
        return sum(len(ids) for ids in self.candidates.values())

    @property
    def drawn_count(self) -> int:
        return sum(len(ids) for ids in self.drawn.values())


class TitleCheck(models.Model):
    """The check of one title in a round, filled by the checking office: when, how, what it found, the result and,
    for 限期整改, the deadline; 建议取消命名 opens a revocation case (``case``) through the revocation service."""

    round = models.ForeignKey(CheckRound, verbose_name=_("核查批次"), on_delete=models.PROTECT,
                              related_name="checks")
    recognition = models.ForeignKey("applications.Recognition", verbose_name=_("称号"), on_delete=models.PROTECT,
                                    related_name="checks")
    # The title's unit, kept on the row so that lists are scoped through the unit's index (scope_through_unit).
    unit = models.ForeignKey("registry.Unit", verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="title_checks")
    checked_on = models.DateField(_("核查日期"), null=True, blank=True)
    method = models.CharField(_("核查形式"), max_length=10, choices=CheckMethod.choices, blank=True)
    findings = models.TextField(_("核查情况"), blank=True)
    result = models.CharField(_("核查结论"), max_length=10, choices=CheckResult.choices, blank=True, db_index=True)
    rectification_deadline = models.DateField(_("整改期限"), null=True, blank=True)
    case = models.ForeignKey("oversight.RevocationCase", verbose_name=_("取消命名案件"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="+")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("命名单位核查记录")
        verbose_name_plural = _("命名单位核查记录")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "recognition"], name="title_check_once_per_round"),
            models.CheckConstraint(condition=~Q(result="rectify") | Q(rectification_deadline__isnull=False),
                                   name="title_check_rectify_has_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.recognition_id}"

    @property
    def is_done(self) -> bool:
        return bool(self.result)
