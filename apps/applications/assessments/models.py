import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.applications.workflow.states import Status, status_label
from apps.campaigns.models import EvidenceKind
from apps.core.storage import PrivateStorage
from apps.registry.units.copied import UnitCopiedQuerySet, unit_copies_fill
from apps.standards.scoring import answer_text


def private_storage() -> PrivateStorage:
    return PrivateStorage("evidence")


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name is random; the sanitised original name is kept in a field for downloads.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{instance.application_id}/{uuid.uuid4().hex}{suffix}"


class ApplicationKind(models.TextChoices):
    NEW = "new", _("创建申报")
    RENEWAL = "renewal", _("复审申报")


class Application(models.Model):
    """One unit's self-evaluation and application in one campaign year.

    A renewal (复审) is an application like any other, linked to the title it renews: it goes through the same
    steps, and naming it extends that title's validity instead of conferring a new one. An application filed on
    behalf of a small enterprise (帮办代办) records who filed it and why.
    """

    unit = models.ForeignKey("registry.Unit", verbose_name=_("申报单位"), on_delete=models.PROTECT,
                             related_name="applications")
    # Copies of the unit's county, township and name (Unit.region, .township, .name; registry.units.copied): a
    # jurisdiction's applications are found on this table's own indexes, not by probing it with each of a county's
    # thousands of units, and the list sorts by name without joining every one of the city's units.
    # Never entered (editable=False), blank so that full_clean passes before save fills them.
    region = models.ForeignKey("regions.Region", verbose_name=_("所属县(市、区)"), on_delete=models.PROTECT,
                               related_name="+", db_index=False, blank=True, editable=False)
    township = models.ForeignKey("regions.Region", verbose_name=_("所属乡镇(街道)"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+", db_index=False, editable=False)
    unit_name = models.CharField(_("单位名称"), max_length=200, blank=True, editable=False)
    campaign_year = models.ForeignKey("campaigns.CampaignYear", verbose_name=_("创建活动年度"),
                                      on_delete=models.PROTECT, related_name="applications")
    standard = models.ForeignKey("standards.Standard", verbose_name=_("评价标准"), on_delete=models.PROTECT,
                                 related_name="applications")
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    revision = models.PositiveIntegerField(_("修订版次"), default=1)
    # db_default too: the scale seeder and the benchmarks write applications with COPY, naming no new column.
    kind = models.CharField(_("申报类型"), max_length=10, choices=ApplicationKind.choices,
                            default=ApplicationKind.NEW, db_default=ApplicationKind.NEW)
    renews = models.ForeignKey("applications.Recognition", verbose_name=_("复审的称号"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="renewals")
    on_behalf = models.BooleanField(_("帮办代办"), default=False, db_default=False)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("代办人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    on_behalf_reason = models.CharField(_("代办原因"), max_length=200, blank=True, db_default="")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = UnitCopiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("创建申报")
        verbose_name_plural = _("创建申报")
        ordering = ["-campaign_year__year", "unit_name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "campaign_year"], name="application_one_per_unit_per_year"),
            models.CheckConstraint(condition=models.Q(kind="renewal", renews__isnull=False)
                                   | models.Q(kind="new", renews__isnull=True), name="application_renewal_has_title"),
            models.CheckConstraint(condition=models.Q(on_behalf=False) | models.Q(filed_by__isnull=False),
                                   name="application_on_behalf_has_filer"),
        ]
        indexes = [
            models.Index(fields=["status"]),
            # A county's (a township's) applications, in a status or all: the jurisdiction filter's two columns.
            models.Index(fields=["region", "status"], name="application_region_status"),
            models.Index(fields=["township", "status"], name="application_township_status"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.campaign_year.year} 年度"

    def save(self, *args, **kwargs) -> None:
        unit_copies_fill([self])
        super().save(*args, **kwargs)

    @property
    def number(self) -> str:
        """The application number (申报编号) the unit quotes, e.g. 2026-000123: the campaign year and the id."""
        return application_number(self.campaign_year.year, self.pk)

    @property
    def is_renewal(self) -> bool:
        return self.kind == ApplicationKind.RENEWAL


def application_number(year: int, pk: int) -> str:
    return f"{year}-{pk:06d}"


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey("standards.Criterion", verbose_name=_("评价条目"), on_delete=models.PROTECT)
    value = models.CharField(_("自评分"), max_length=20, blank=True)
    narrative = models.TextField(_("情况说明"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("自评答案")
        verbose_name_plural = _("自评答案")
        constraints = [models.UniqueConstraint(fields=["application", "criterion"], name="answer_unique")]

    def __str__(self) -> str:
        return f"{self.criterion.code}：{answer_text(self.value)}"


class Evidence(models.Model):
    """An uploaded file. Withdrawn files are kept, because submitted snapshots may list them."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey("standards.Criterion", verbose_name=_("对应条目"), null=True, blank=True,
                                  on_delete=models.PROTECT)
    kind = models.CharField(_("材料类型"), max_length=20, choices=EvidenceKind.choices)
    file = models.FileField(_("文件"), storage=private_storage, upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ApplicationRevision(models.Model):
    """The frozen content of one submission; never updated after it is written."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("版次"))
    snapshot = models.JSONField(_("提交内容"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("申报版次")
        verbose_name_plural = _("申报版次")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="revision_unique")]

    def __str__(self) -> str:
        return f"{self.application_id} · 第 {self.number} 版"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("ApplicationRevision is immutable once written.")
        super().save(*args, **kwargs)


class ApplicationEvent(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    # Empty for a move the nightly job makes (a title's expiry).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")
    from_status = models.CharField(_("原状态"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=Status.choices)
    comment = models.TextField(_("意见"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status_label} → {self.to_status_label}"

    @property
    def from_status_label(self) -> str:
        return status_label(self.from_status)

    @property
    def to_status_label(self) -> str:
        return status_label(self.to_status)
