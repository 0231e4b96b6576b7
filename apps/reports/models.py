
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.jobs import ACTIVE_STATUSES, Job, JobStatus, job_status_field
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


class AnnualReport(Job):
    """One version of one report (县级年度报告、市级年度总结、中期/终期评估).

    Versions are kept: a re-run adds version n+1. At most one version of a
    report is pending or running at a time (a partial unique constraint), so
    two clicks never build two half-finished copies. ``pdf``/``xlsx`` are set
    only once both files are completely written (see services.report_build).
    Built as a background job (apps/core/jobs.py).
    """

    interrupted_error = _("生成过程多次中断（后台任务长时间无进展），请重新生成。")
    partial_files_storage = staticmethod(private_report_storage)

    kind = models.CharField(_("报告类型"), max_length=10, choices=ReportKind.choices)
    region = models.ForeignKey("regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT,
                               related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveIntegerField(_("版本"))
    status = job_status_field(running=_("生成中"), failed=_("生成失败"))
    pdf = models.FileField(_("PDF 文件"), storage=private_report_storage, max_length=255, blank=True)
    xlsx = models.FileField(_("Excel 文件"), storage=private_report_storage, max_length=255, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     help_text=_("留空表示由定时任务发起。"))

    class Meta(Job.Meta):
        verbose_name = _("年度评估报告")
        verbose_name_plural = _("年度评估报告")
        ordering = ["-year", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "region", "year", "version"], name="annual_report_version_unique"),
            models.UniqueConstraint(fields=["kind", "region", "year"], condition=Q(status__in=ACTIVE_STATUSES),
                                    name="annual_report_one_active_build"),
            *Job.Meta.constraints,
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year} {self.get_kind_display()} v{self.version}"

    @property
    def is_downloadable(self) -> bool:
        return self.status == JobStatus.DONE and bool(self.pdf)


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
