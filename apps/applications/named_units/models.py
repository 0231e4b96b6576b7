import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.jobs import Job, job_status_field
from apps.core.storage import PrivateStorage


def private_storage() -> PrivateStorage:
    return PrivateStorage("named_units")


def attachment_path(instance: "YearlyReport", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"reports/{instance.year}/{uuid.uuid4().hex}{suffix}"


class YearlyReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待县级审查")
    ACCEPTED = "accepted", _("审查通过")
    RETURNED = "returned", _("退回修改")


# A report counts as filed once submitted; a draft or a returned report is still missing.
FILED_STATUSES = (YearlyReportStatus.SUBMITTED, YearlyReportStatus.ACCEPTED)


class YearlyReport(models.Model):
    """A named unit's yearly work report (年度工作报告), filed while its title is valid and reviewed by the county."""

    recognition = models.ForeignKey("applications.Recognition", verbose_name=_("称号"), on_delete=models.PROTECT,
                                    related_name="yearly_reports")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    status = models.CharField(_("状态"), max_length=10, choices=YearlyReportStatus.choices,
                              default=YearlyReportStatus.DRAFT)
    practices = models.TextField(_("本年度构建和谐劳动关系的主要做法和成效"), max_length=5000, blank=True)
    conditions = models.TextField(_("劳动合同、集体协商、工资支付、社会保险和职工民主管理情况"), max_length=5000,
                                  blank=True)
    problems = models.TextField(_("存在的问题和劳动关系风险"), max_length=3000, blank=True)
    plans = models.TextField(_("下一年度工作打算"), max_length=3000, blank=True)
    attachment = models.FileField(_("附件"), storage=private_storage, upload_to=attachment_path, max_length=255,
                                  blank=True)
    attachment_name = models.CharField(_("附件文件名"), max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField(_("审查时间"), null=True, blank=True)
    review_comment = models.TextField(_("审查意见"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("年度工作报告")
        verbose_name_plural = _("年度工作报告")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["recognition", "year"], name="yearly_report_one_per_title_per_year"),
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.recognition.unit} · {self.year} 年度工作报告"


class YearlyReportReminder(models.Model):
    """One reminder per title and year: the row is the claim that makes the reminder task safe to run twice."""

    recognition = models.ForeignKey("applications.Recognition", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    sent_at = models.DateTimeField(_("提醒时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年度工作报告催报")
        verbose_name_plural = _("年度工作报告催报")
        constraints = [models.UniqueConstraint(fields=["recognition", "year"], name="yearly_report_reminder_once")]

    def __str__(self) -> str:
        return f"{self.recognition_id} · {self.year}"


def export_path(instance: "ProvinceExport", filename: str) -> str:
    return f"exports/{instance.year}/{uuid.uuid4().hex}.zip"


class ProvinceExport(Job):
    """The package the city reports to the province (报送省级): the named list (Excel) and the evaluation forms (PDF).

    Built as a background job (apps/core/jobs.py); the page also shows ``done`` of ``total`` forms. A build whose
    worker died is simply started again: it writes the whole package anew.
    """

    city = models.ForeignKey("regions.Region", verbose_name=_("市"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("命名年度"))
    status = job_status_field(running=_("生成中"))
    total = models.PositiveIntegerField(_("评估表总数"), default=0)
    done = models.PositiveIntegerField(_("已生成"), default=0)
    file = models.FileField(_("文件"), storage=private_storage, upload_to=export_path, max_length=255, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Job.Meta):
        verbose_name = _("报送省级材料")
        verbose_name_plural = _("报送省级材料")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.city} {self.year} 报送省级材料"
