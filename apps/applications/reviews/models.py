import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Party
from apps.core.jobs import Job, job_status_field
from apps.core.storage import PrivateStorage
from apps.standards.scoring import answer_text


class CombinationRule(models.TextChoices):
    MEAN = "mean", _("各成员评分取平均")
    AGREED = "agreed", _("以合议记录人的评分表为准")


class ReviewPanel(models.Model):
    """The county tripartite panel that scores one application (三方评估组)."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE,
                                       related_name="review_panel")
    rule = models.CharField(_("合成规则"), max_length=10, choices=CombinationRule.choices,
                            default=CombinationRule.MEAN)
    formed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    formed_at = models.DateTimeField(_("组建时间"), auto_now_add=True)
    # Written when the county approves, so lists can show the result without re-scoring.
    result_total = models.DecimalField(_("评估得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    result_grade = models.CharField(_("评估等级"), max_length=20, blank=True)
    # The round of county review the members' current sheets belong to, and the revision they score. A return
    # and resubmission or a city send-back opens the next round (ArchivedSheet keeps the earlier ones).
    round = models.PositiveIntegerField(_("评估轮次"), default=1, db_default=1)
    revision = models.PositiveIntegerField(_("评分版次"), default=1, db_default=1)

    class Meta:
        verbose_name = _("三方评估组")
        verbose_name_plural = _("三方评估组")

    def __str__(self) -> str:
        return f"{self.application} 评估组"


class PanelMember(models.Model):
    panel = models.ForeignKey(ReviewPanel, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评估人员"), on_delete=models.PROTECT,
                             related_name="panel_seats")
    party = models.CharField(_("所属方"), max_length=20, choices=Party.choices)
    is_recorder = models.BooleanField(_("合议记录人"), default=False)
    sheet_submitted_at = models.DateTimeField(_("评分提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("评估组成员")
        verbose_name_plural = _("评估组成员")
        ordering = ["party", "pk"]
        constraints = [models.UniqueConstraint(fields=["panel", "user"], name="panel_member_unique")]
        # A reviewer's workbench lists the seats still to score: a few among the thousands they have sat in.
        indexes = [models.Index(fields=["user"], condition=models.Q(sheet_submitted_at__isnull=True),
                                name="panel_member_open_sheet")]

    def __str__(self) -> str:
        return f"{self.user}（{self.get_party_display()}）"


class MemberScore(models.Model):
    """One panel member's score for one item, on their own sheet."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("standards.Criterion", on_delete=models.PROTECT, related_name="+")
    value = models.CharField(_("评分"), max_length=20, blank=True)
    comment = models.CharField(_("评分意见"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "criterion"], name="member_score_unique")]

    def __str__(self) -> str:
        return f"{self.member} {self.criterion.code}：{answer_text(self.value)}"


class ArchivedSheet(models.Model):
    """A member's sheet from an earlier round of county review, kept unchanged as history."""

    panel = models.ForeignKey(ReviewPanel, on_delete=models.CASCADE, related_name="archived_sheets")
    round = models.PositiveIntegerField(_("评估轮次"))
    revision = models.PositiveIntegerField(_("评分版次"))
    rule = models.CharField(_("合成规则"), max_length=10, choices=CombinationRule.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评估人员"), on_delete=models.PROTECT,
                             related_name="+")
    party = models.CharField(_("所属方"), max_length=20, choices=Party.choices)
    is_recorder = models.BooleanField(_("合议记录人"), default=False)
    # Item code → [value, comment], as the member left the sheet.
    values = models.JSONField(_("评分"), default=dict)
    submitted_at = models.DateTimeField(_("评分提交时间"), null=True, blank=True)
    archived_at = models.DateTimeField(_("归档时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("历史评分表")
        verbose_name_plural = _("历史评分表")
        ordering = ["round", "party", "pk"]

    def __str__(self) -> str:
        return f"{self.user} 第 {self.round} 轮"


class ScoreLevel(models.TextChoices):
    TOWNSHIP = "township", _("乡镇(街道)测评")
    CITY = "city", _("市级复核")


class LevelScore(models.Model):
    """A township's pre-check score or the city's spot-check score for one item."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="level_scores")
    level = models.CharField(_("层级"), max_length=10, choices=ScoreLevel.choices)
    criterion = models.ForeignKey("standards.Criterion", on_delete=models.PROTECT, related_name="+")
    value = models.CharField(_("评分"), max_length=20, blank=True)
    comment = models.CharField(_("评分意见"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "level", "criterion"], name="level_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.criterion.code}：{answer_text(self.value)}"


class ItemComment(models.Model):
    """A reviewer's comment on one item when the application is returned: the unit sees it and revises."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="item_comments")
    revision = models.PositiveIntegerField(_("针对版次"))
    criterion = models.ForeignKey("standards.Criterion", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("修改意见"), max_length=1000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["criterion__position"]

    def __str__(self) -> str:
        return self.text[:40]


def private_photo_storage() -> PrivateStorage:
    return PrivateStorage("inspections")


def inspection_photo_path(instance: "InspectionPhoto", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{instance.inspection.application_id}/{uuid.uuid4().hex}{suffix}"


class Inspection(models.Model):
    """The on-site inspection record (实地核查)."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="inspections")
    visited_on = models.DateField(_("核查日期"))
    people = models.CharField(_("核查人员"), max_length=300)
    findings = models.TextField(_("核查情况"), max_length=5000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("实地核查记录")
        verbose_name_plural = _("实地核查记录")
        ordering = ["visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.people}"


class InspectionPhoto(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("照片"), storage=private_photo_storage,
                            upload_to=inspection_photo_path, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.original_name


class SpotCheck(models.Model):
    """The city's spot check (抽查) of an application."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="spot_checks")
    findings = models.TextField(_("抽查情况"), max_length=5000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("抽查时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("市级抽查")
        verbose_name_plural = _("市级抽查")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.findings[:40]


class ConfirmationBatch(Job):
    """A large batch of city confirmations, run as a background job (apps/core/jobs.py).

    The page also shows ``done`` of ``total`` and the ones that could not be confirmed.

    A batch whose worker died is failed by the sweep, never started again: the
    applications it confirmed stay confirmed, and a second run would report
    each of them as a failure; the page asks the city to confirm the rest.
    """

    max_attempts = 1
    interrupted_error = _("批量确认中断（后台任务长时间无进展）。")

    city = models.ForeignKey("regions.Region", verbose_name=_("市"), on_delete=models.PROTECT, related_name="+")
    application_ids = models.JSONField(_("申报"), default=list)
    status = job_status_field(running=_("确认中"))
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已办理"), default=0)
    confirmed = models.PositiveIntegerField(_("已确认"), default=0)
    failures = models.JSONField(_("未能确认"), default=list)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(Job.Meta):
        verbose_name = _("批量确认")
        verbose_name_plural = _("批量确认")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.city} 批量确认 {self.total} 条"
