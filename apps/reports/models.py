import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.jobs import ACTIVE_STATUSES, Job, JobStatus, job_status_field
from apps.core.storage import PrivateStorage
from apps.regions.models import RegionLevel


def private_report_storage() -> PrivateStorage:
    return PrivateStorage("reports")


class ReportKind(models.TextChoices):
    COUNTY = "county", _("县级年度报告")
    CITY = "city", _("市级年度总结")
    MIDTERM = "midterm", _("中期评估报告")
    FINAL = "final", _("终期评估报告")


# Reports that sum every campaign year up to the report's year instead of that year alone.
CUMULATIVE_KINDS = frozenset({ReportKind.MIDTERM, ReportKind.FINAL})


# Moved on when a report is requested, changes status (its job: apps/core/jobs.py) or a policy's report duties are
# saved: the offices' workbench keeps their latest reports and the duties falling due under it.
REPORTS_KEY = "reports:annual:generation"


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
    status_generation_key = REPORTS_KEY

    kind = models.CharField(_("报告类型"), max_length=10, choices=ReportKind.choices)
    region = models.ForeignKey("regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT,
                               related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveIntegerField(_("版本"))
    status = job_status_field(running=_("生成中"), failed=_("生成失败"))
    pdf = models.FileField(_("PDF 文件"), storage=private_report_storage, max_length=255, blank=True)
    xlsx = models.FileField(_("Excel 文件"), storage=private_report_storage, max_length=255, blank=True)
    docx = models.FileField(_("Word 文件"), storage=private_report_storage, max_length=255, blank=True)
    document_number = models.CharField(_("文号"), max_length=100, blank=True,
                                       help_text=_("如 临协调办〔2026〕5号；留空则封面留出文号栏手写。"))
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
    """The county's own words for its yearly report: 主要做法、取得成效、存在不足、下一步工作打算, each printed in
    its chapter (writing.NARRATIVE_PLACES)."""

    region = models.ForeignKey("regions.Region", verbose_name=_("县(市、区)"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    practices = models.TextField(_("主要做法"), max_length=10000, blank=True)
    achievements = models.TextField(_("取得成效"), max_length=10000, blank=True)
    shortcomings = models.TextField(_("存在不足"), max_length=10000, blank=True)
    next_steps = models.TextField(_("下一步工作打算"), max_length=10000, blank=True)
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


class ReportingLevel(models.TextChoices):
    """The level whose office writes a report (a subset of the region levels)."""

    CITY = RegionLevel.CITY.value, _("市级")
    COUNTY = RegionLevel.COUNTY.value, _("县(市、区)级")


# Kinds due every year on a month and day; the others (mid-term, final) are due once, on a fixed date.
YEARLY_KINDS = (ReportKind.COUNTY, ReportKind.CITY)  # a tuple: the check constraint lists them in this order
# The level a yearly kind is written at; mid-term and final evaluations are written by whichever level runs the plan.
KIND_LEVELS = {ReportKind.COUNTY: ReportingLevel.COUNTY, ReportKind.CITY: ReportingLevel.CITY}


class ReportDuty(models.Model):
    """A report a locality's implementing document requires: which level writes it, what, by when, to whom.

    Part of the campaign policy (campaigns.CampaignPolicy) and versioned with it. The daily job
    (services.report_duties_run) builds each due report ``lead_days`` before its due date; a level below the
    policy's region reports through it unless it runs its own campaign (has its own policy).
    """

    policy = models.ForeignKey("campaigns.CampaignPolicy", verbose_name=_("创建活动政策"), on_delete=models.CASCADE,
                               related_name="report_duties")
    kind = models.CharField(_("报告类型"), max_length=10, choices=ReportKind.choices)
    reporting_level = models.CharField(_("报告层级"), max_length=10, choices=ReportingLevel.choices)
    due_month = models.PositiveSmallIntegerField(_("每年截止月"), null=True, blank=True,
                                                 validators=[MinValueValidator(1), MaxValueValidator(12)])
    due_day = models.PositiveSmallIntegerField(_("每年截止日"), null=True, blank=True,
                                               validators=[MinValueValidator(1), MaxValueValidator(31)])
    due_date = models.DateField(_("截止日期"), null=True, blank=True, help_text=_("中期、终期评估填写。"))
    recipient = models.CharField(_("报送对象"), max_length=200, blank=True,
                                 help_text=_("如 市协调劳动关系三方委员会办公室。"))
    lead_days = models.PositiveSmallIntegerField(_("提前生成天数"), default=10,
                                                 validators=[MaxValueValidator(366)],
                                                 help_text=_("截止日期前多少天由系统自动生成报告初稿。"))
    provision = models.CharField(_("文件依据"), max_length=200, blank=True,
                                 help_text=_("实施方案中的条款，如 四(一) 每年11月底前。"))

    class Meta:
        verbose_name = _("报告任务")
        verbose_name_plural = _("报告任务")
        ordering = ["policy", "kind", "reporting_level"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "kind", "reporting_level"], name="report_duty_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=list(YEARLY_KINDS), due_month__isnull=False, due_day__isnull=False,
                            due_date__isnull=True)
                | (~Q(kind__in=list(YEARLY_KINDS)) & Q(due_date__isnull=False, due_month__isnull=True,
                                                        due_day__isnull=True)),
                name="report_duty_due_rule_fits_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_reporting_level_display()}，{self.due_text}）"

    @property
    def is_yearly(self) -> bool:
        return self.kind in YEARLY_KINDS

    @property
    def due_text(self) -> str:
        if self.is_yearly:
            return str(_("每年 %(month)s 月 %(day)s 日前") % {"month": self.due_month, "day": self.due_day})
        return str(_("%(date)s 前") % {"date": self.due_date}) if self.due_date else ""

    def due_in(self, year: int) -> datetime.date | None:
        """The due date of this duty's report for campaign ``year`` (None: nothing due that year)."""
        if self.is_yearly:
            return datetime.date(year, self.due_month, self.due_day)
        return self.due_date if self.due_date and self.due_date.year == year else None

    def clean(self) -> None:
        errors = {}
        if self.kind in KIND_LEVELS and self.reporting_level != KIND_LEVELS[self.kind]:
            errors["reporting_level"] = _("%(kind)s只能由%(level)s报告。") % {
                "kind": self.get_kind_display(), "level": KIND_LEVELS[self.kind].label}
        if self.policy_id and self.reporting_level == ReportingLevel.CITY \
                and self.policy.region.level != RegionLevel.CITY and "reporting_level" not in errors:
            errors["reporting_level"] = _("县(市、区)制定的实施方案只能规定县(市、区)级的报告。")
        if self.is_yearly:
            if self.due_month is None or self.due_day is None:
                errors["due_month"] = _("年度报告须填写每年截止的月和日。")
            else:
                try:
                    datetime.date(2023, self.due_month, self.due_day)  # not a leap year: every year has the day
                except ValueError:
                    errors["due_day"] = _("%(month)s 月没有 %(day)s 日。") % {"month": self.due_month,
                                                                          "day": self.due_day}
            if self.due_date is not None:
                errors["due_date"] = _("年度报告按每年的月、日截止，不填固定日期。")
        elif self.kind:
            if self.due_date is None:
                errors["due_date"] = _("中期、终期评估须填写截止日期。")
            if self.due_month is not None or self.due_day is not None:
                errors["due_month"] = _("中期、终期评估按固定日期截止，不填每年的月、日。")
        if errors:
            raise ValidationError(errors)


class Indicator(models.Model):
    """One indicator of a target-responsibility system (目标责任制), as the document of ``region`` lists it.

    The catalogue is data: a province or city lists its indicators once; every region below it records a
    target and an actual value per year (IndicatorValue).
    """

    region = models.ForeignKey("regions.Region", verbose_name=_("制定地区"), on_delete=models.PROTECT,
                               related_name="indicators")
    name = models.CharField(_("指标名称"), max_length=100)
    unit = models.CharField(_("计量单位"), max_length=10, default="%")
    max_value = models.DecimalField(_("上限"), max_digits=7, decimal_places=2, null=True, blank=True,
                                    help_text=_("比率类指标填 100；增长率、下降率等可超过 100 或为负的留空。"))
    source_document = models.CharField(_("依据文件"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("目标责任指标")
        verbose_name_plural = _("目标责任指标")
        ordering = ["region__path", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="indicator_name_unique")]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """A region's target (目标值) and actual value (完成值) of one indicator in one year."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT,
                                  related_name="values")
    region = models.ForeignKey("regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    target = models.DecimalField(_("目标值"), max_digits=7, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("完成值"), max_digits=7, decimal_places=2, null=True, blank=True)
    is_example = models.BooleanField(_("示例数据"), default=False,
                                     help_text=_("演示用的数值，不是文件规定或实际统计的数值。"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("最后修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("指标目标与完成情况")
        verbose_name_plural = _("指标目标与完成情况")
        ordering = ["region__path", "year", "indicator__position"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "region", "year"], name="indicator_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year} {self.indicator}"

    @property
    def is_met(self) -> bool | None:
        if self.target is None or self.actual is None:
            return None
        return self.actual >= self.target


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("未开始")
    ONGOING = "ongoing", _("推进中")
    DONE = "done", _("已完成")


class TargetTask(models.Model):
    """A task of a region's target-responsibility system (目标责任制) in a year: what, which department answers
    for it, by when, and how far it has come (seed 001 四(二): 明确责任主体、重点任务、时间进度).

    The 包保 chain (seed 003 三(五)) is the region tree: the city assigns tasks to its counties, a county to its
    townships and communities, and a township to the units (用人单位) it answers for. A unit's task names the unit
    and the township's responsible person; its region is the unit's township (or community)."""

    region = models.ForeignKey("regions.Region", verbose_name=_("责任地区"), on_delete=models.PROTECT,
                               related_name="+")
    unit = models.ForeignKey("registry.Unit", verbose_name=_("包保单位"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    responsible_person = models.CharField(_("包保责任人"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("目标任务"), max_length=300)
    department = models.CharField(_("责任部门"), max_length=200, help_text=_("如 县人社局、县总工会。"))
    deadline = models.DateField(_("完成时限"))
    progress = models.PositiveSmallIntegerField(_("完成进度（%）"), default=0, validators=[MaxValueValidator(100)])
    progress_note = models.TextField(_("进展情况"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.PLANNED)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("下达人"), on_delete=models.PROTECT,
                                    related_name="+")
    updated_at = models.DateTimeField(_("最后更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("目标责任任务")
        verbose_name_plural = _("目标责任任务")
        ordering = ["region__path", "deadline", "pk"]
        indexes = [models.Index(fields=["region", "year"], name="targettask_region_year")]
        constraints = [
            models.CheckConstraint(condition=~Q(status="done") | Q(progress=100), name="targettask_done_is_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status != TaskStatus.DONE and self.deadline < today

    @property
    def level_label(self) -> str:
        """The link of the 包保 chain the task is assigned to: 市, 县(市、区), 乡镇(街道), 社区 or 用人单位."""
        return str(_("用人单位")) if self.unit_id else self.region.get_level_display()

    def clean(self) -> None:
        if self.status == TaskStatus.DONE and self.progress != 100:
            raise ValidationError({"progress": _("状态为“已完成”时，完成进度须为 100%。")})
        if self.progress == 100 and self.status != TaskStatus.DONE:
            raise ValidationError({"status": _("完成进度为 100% 时，请将状态改为“已完成”。")})
        if self.unit_id and self.region_id and self.unit.township_id != self.region_id:
            raise ValidationError({"unit": _("包保单位须在本乡镇(街道)、社区内。")})
