import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.storage import PrivateStorage


class TrainingKind(models.TextChoices):
    """The kinds the five documents name (枣庄 三(二)1, 十堰 二(一), 河东 二(一)(二), 三(六))."""

    TOPIC = "topic", _("专题培训")
    COORDINATOR = "coordinator", _("协调员培训")
    LECTURE_HALL = "lecture_hall", _("和谐劳动关系大讲堂")
    POLICY_BRIEFING = "policy_briefing", _("政策宣讲")
    FORUM = "forum", _("座谈会/问需会")


class TrainingMethod(models.TextChoices):
    """How a session was held (河东 三(六): 集中学习、庭审观摩、案例讲解)."""

    CLASSROOM = "classroom", _("集中学习")
    COURT_VISIT = "court_visit", _("庭审观摩")
    CASE_STUDY = "case_study", _("案例讲解")
    ON_SITE = "on_site", _("现场指导")
    ONLINE = "online", _("线上培训")
    DISCUSSION = "discussion", _("座谈交流")


class Training(models.Model):
    """One training or outreach session an office held (培训、宣讲、座谈会), with who took part."""

    held_on = models.DateField(_("举办日期"))
    kind = models.CharField(_("活动类型"), max_length=20, choices=TrainingKind.choices)
    method = models.CharField(_("方式"), max_length=20, choices=TrainingMethod.choices, blank=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("举办区域"), on_delete=models.PROTECT,
                               related_name="+")
    organiser = models.CharField(_("举办单位"), max_length=100,
                                 help_text=_("如：区协调劳动关系三方办公室、区总工会。"))
    topic = models.CharField(_("主题"), max_length=200)
    audience = models.CharField(_("培训对象"), max_length=200, blank=True)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1, default=Decimal("0"),
                                validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("200"))])
    people_count = models.PositiveIntegerField(_("参加人数"), default=0,
                                               validators=[MaxValueValidator(100_000)])
    units = models.ManyToManyField("registry.Unit", verbose_name=_("参加单位"), blank=True, related_name="+")
    coordinators = models.ManyToManyField("registry.Coordinator", verbose_name=_("参加的协调员"), blank=True,
                                          related_name="trainings")
    summary = models.TextField(_("内容摘要"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("培训宣传活动")
        verbose_name_plural = _("培训宣传活动")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["region", "held_on"], name="training_region_date")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="training_hours_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} · {self.topic}"


def private_storage() -> PrivateStorage:
    return PrivateStorage("training")


def material_path(instance: "TrainingMaterial", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{instance.training_id}/{uuid.uuid4().hex}{suffix}"


class TrainingMaterial(models.Model):
    """A file of a session (讲义、签到表、照片), checked by content like any evidence."""

    training = models.ForeignKey(Training, verbose_name=_("培训宣传活动"), on_delete=models.CASCADE,
                                 related_name="materials")
    file = models.FileField(_("材料"), storage=private_storage, upload_to=material_path, max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("活动材料")
        verbose_name_plural = _("活动材料")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
