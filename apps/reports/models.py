
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.storage import PrivateStorage


def private_report_storage() -> PrivateStorage:
    return PrivateStorage("reports")


class ReportKind(models.TextChoices):
    COUNTY = "county", _("县级年度报告")
    CITY = "city", _("市级年度总结")
    MIDTERM = "midterm", _("中期评估报告")
    FINAL = "final", _("终期评估报告")


# Reports that sum every campaign year up to the report's year instead of that year alone.
CUMULATIVE_KINDS = frozenset({ReportKind.MIDTERM, ReportKind.FINAL})


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("生成失败")


ACTIVE_STATUSES = (ReportStatus.PENDING, ReportStatus.RUNNING)


class AnnualReport(models.Model):
    """One version of one report (县级年度报告、市级年度总结、中期/终期评估).

    Versions are kept: a re-run adds version n+1. At most one version of a
    report is pending or running at a time (a partial unique constraint), so
    two clicks never build two half-finished copies. ``pdf``/``xlsx`` are set
    only once both files are completely written (see services.report_build).
    """

    kind = models.CharField(_("报告类型"), max_length=10, choices=ReportKind.choices)
    region = models.ForeignKey("regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT,
                               related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveIntegerField(_("版本"))
    status = models.CharField(_("状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("进度(%)"), default=0)
    error = models.TextField(_("失败原因"), blank=True)
    pdf = models.FileField(_("PDF 文件"), storage=private_report_storage, max_length=255, blank=True)
    xlsx = models.FileField(_("Excel 文件"), storage=private_report_storage, max_length=255, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     help_text=_("留空表示由定时任务发起。"))
    requested_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近进展时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("生成尝试次数"), default=0,
                                                help_text=_("每次开始生成加一；后台任务中断后自动重试，超过上限则标记失败。"))

    class Meta:
        verbose_name = _("年度评估报告")
        verbose_name_plural = _("年度评估报告")
        ordering = ["-year", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "region", "year", "version"], name="annual_report_version_unique"),
            models.UniqueConstraint(fields=["kind", "region", "year"], condition=Q(status__in=ACTIVE_STATUSES),
                                    name="annual_report_one_active_build"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="annual_report_progress_percent"),
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="annual_report_status_beat")]

    def __str__(self) -> str:
        return f"{self.region} {self.year} {self.get_kind_display()} v{self.version}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_downloadable(self) -> bool:
        return self.status == ReportStatus.DONE and bool(self.pdf)


class CountyNarrative(models.Model):
    """The county's own words for its yearly report: 主要做法、取得成效、存在不足."""

    region = models.ForeignKey("regions.Region", verbose_name=_("县(市、区)"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    practices = models.TextField(_("主要做法"), max_length=10000, blank=True)
    achievements = models.TextField(_("取得成效"), max_length=10000, blank=True)
    shortcomings = models.TextField(_("存在不足"), max_length=10000, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("最后修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("县级报告文字部分")
        verbose_name_plural = _("县级报告文字部分")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="county_narrative_one_per_year")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


class TypicalCase(models.Model):
    """A county's typical case (典型案例): part of its yearly report, and public once published."""

    region = models.ForeignKey("regions.Region", verbose_name=_("县(市、区)"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("案例标题"), max_length=200)
    unit_name = models.CharField(_("涉及单位"), max_length=200, blank=True)
    body = models.TextField(_("案例内容"), max_length=20000)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("撰写人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("最后修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["published_at"], name="typical_case_published")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
