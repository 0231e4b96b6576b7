from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .coordinators.models import Coordinator  # noqa: F401
from .credit.models import CreditEvaluation, RedListEntry  # noqa: F401
from .enterprises.models import Enterprise, IndustryClass  # noqa: F401
from .industries.models import IndustryBody  # noqa: F401
from .parks.models import Park, ServiceStation  # noqa: F401

# The registry's parts keep their own model modules.
from .units.models import Unit  # noqa: F401


class UnitEventAction(models.TextChoices):
    REGISTERED = "registered", _("自助注册")
    CREATED = "created", _("工作人员录入")
    IMPORTED = "imported", _("批量导入")
    UPDATED = "updated", _("修改信息")
    VERIFIED = "verified", _("核验通过")
    REJECTED = "rejected", _("核验退回")
    RESUBMITTED = "resubmitted", _("修改后重新提交")
    USCC_CONFIRMED = "uscc_confirmed", _("确认信用代码")


class UnitEvent(models.Model):
    """One entry of a unit's history: who did what, when, and which fields changed (old → new)."""

    unit = models.ForeignKey("registry.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=20, choices=UnitEventAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("单位变更记录")
        verbose_name_plural = _("单位变更记录")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.action}"


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("待确认")
    CONFIRMED = "confirmed", _("已导入")


class ImportKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    PARK = "park", _("工业园区与乡镇(街道)")
    INDUSTRY = "industry", _("行业、集团与产业链")


class ImportBatch(models.Model):
    """A parsed upload kept server-side so that confirming needs no re-upload.

    ``rows`` holds the validated rows (ids resolved) and ``errors`` the
    per-row messages; a batch with errors cannot be confirmed.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.CASCADE)
    kind = models.CharField(_("导入类型"), max_length=10, choices=ImportKind.choices, default=ImportKind.ENTERPRISE)
    file_name = models.CharField(_("文件名"), max_length=255)
    status = models.CharField(_("状态"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED)
    rows = models.JSONField(_("数据行"), default=list)
    errors = models.JSONField(_("错误"), default=list)
    warnings = models.JSONField(_("提示"), default=list)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

