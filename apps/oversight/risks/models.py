import datetime
import hashlib
import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.storage import PrivateStorage
from apps.registry.units.copied import UnitCopiedQuerySet, unit_copies_fill


class RiskKind(models.TextChoices):
    INSPECTION_VIOLATION = "inspection_violation", _("劳动保障监察违法行为")
    ARBITRATION_CASE = "arbitration_case", _("劳动争议仲裁案件")
    GROUP_PETITION = "group_petition", _("群体访")
    MASS_INCIDENT = "mass_incident", _("群体性事件")
    WORK_STOPPAGE = "work_stoppage", _("集体停工")
    WAGE_ARREARS = "wage_arrears", _("拖欠工资")
    NO_WRITTEN_CONTRACT = "no_written_contract", _("未依法签订劳动合同")
    UNPAID_SOCIAL_INSURANCE = "unpaid_social_insurance", _("未依法缴纳社会保险费")
    EXCESSIVE_OVERTIME = "excessive_overtime", _("超时加班")
    SAFETY_ACCIDENT = "safety_accident", _("重大安全生产事故")
    OCCUPATIONAL_HAZARD = "occupational_hazard", _("职业危害事故")
    NEGATIVE_OPINION = "negative_opinion", _("负面网络舆情")


class Severity(models.IntegerChoices):
    """Ordered, so rules can say "at least major" with one comparison."""

    MINOR = 1, _("一般")
    MAJOR = 2, _("较大")
    SERIOUS = 3, _("重大")
    EXTREME = 4, _("特别重大")


class EntryChannel(models.TextChoices):
    FORM = "form", _("人工录入")
    IMPORT = "import", _("Excel导入")
    API = "api", _("接口推送")


def private_storage() -> PrivateStorage:
    return PrivateStorage("risks")


def attachment_path(instance: "RiskAttachment", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{instance.event_id}/{uuid.uuid4().hex}{suffix}"


# How long an API token is valid; the city rotates it before then (manage.py api_token_rotate).
TOKEN_VALID_DAYS = 365


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiClient(models.Model):
    """Another government system allowed to post risk events, limited to one region.

    Only a SHA-256 digest of the token is stored; the token is shown once
    when it is issued.
    """

    name = models.CharField(_("系统名称"), max_length=100)
    source = models.SlugField(_("来源代码"), max_length=40, unique=True,
                              help_text=_("事件来源标识，与对方事件编号一起保证重复推送不产生重复事件。"))
    region = models.ForeignKey("regions.Region", verbose_name=_("授权区域"), on_delete=models.PROTECT,
                               related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_expires_at = models.DateTimeField(_("令牌有效期至"), editable=False,
                                            help_text=_("到期后令牌失效；用 api_token_rotate 命令更换。"))
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("接口调用方")
        verbose_name_plural = _("接口调用方")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def issue_token(self, *, valid_days: int = TOKEN_VALID_DAYS) -> str:
        """Give the client a new token (replacing any old one) and return it; it cannot be read back later."""
        token = secrets.token_urlsafe(32)
        self.token_hash = token_digest(token)
        self.token_expires_at = timezone.now() + datetime.timedelta(days=valid_days)
        return token

    def token_expired(self) -> bool:
        return self.token_expires_at <= timezone.now()

    # DRF checks request.user.is_authenticated in throttles and logging; a client is an authenticated caller.
    is_authenticated = True


class RiskEvent(models.Model):
    """A risk signal about one unit: a violation, a dispute, an incident, a news story."""

    unit = models.ForeignKey("registry.Unit", verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="risk_events")
    # Copies of the unit's county and township (registry.units.copied): a jurisdiction's events are found on this
    # table's own indexes, not by probing it with each of a county's thousands of units. Never entered.
    region = models.ForeignKey("regions.Region", verbose_name=_("所属县(市、区)"), on_delete=models.PROTECT,
                               related_name="+", db_index=False, blank=True, editable=False)
    township = models.ForeignKey("regions.Region", verbose_name=_("所属乡镇(街道)"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+", db_index=False, editable=False)
    kind = models.CharField(_("事件类型"), max_length=30, choices=RiskKind.choices)
    occurred_on = models.DateField(_("发生日期"))
    severity = models.PositiveSmallIntegerField(_("严重程度"), choices=Severity.choices)
    source = models.CharField(_("信息来源"), max_length=100,
                              help_text=_("如：劳动保障监察支队、劳动人事争议仲裁院、信访局。"))
    description = models.TextField(_("事件描述"))
    channel = models.CharField(_("录入方式"), max_length=10, choices=EntryChannel.choices,
                               default=EntryChannel.FORM)
    api_client = models.ForeignKey(ApiClient, verbose_name=_("推送系统"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="events")
    external_id = models.CharField(_("来源系统事件编号"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = UnitCopiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险事件")
        verbose_name_plural = _("风险事件")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            # A source system's own event id identifies the event: a repeated post must not duplicate it.
            models.UniqueConstraint(fields=["api_client", "external_id"], condition=~Q(external_id=""),
                                    name="riskevent_unique_external_id_per_client"),
            models.CheckConstraint(condition=Q(severity__gte=1, severity__lte=4), name="riskevent_severity_range"),
        ]
        indexes = [# A small jurisdiction's page (a township's few thousand events) is read from this index alone.
                   models.Index(fields=["unit", "occurred_on"], include=["id"], name="risk_event_unit_date"),
                   models.Index(fields=["kind", "occurred_on"]),
                   # The list's order (newest first): a large jurisdiction's page is read by walking it.
                   models.Index(F("occurred_on").desc(), F("id").desc(), name="risk_event_newest"),
                   # A county's (a township's) events: the jurisdiction filter's two columns, newest first.
                   models.Index("region", F("occurred_on").desc(), F("id").desc(), name="risk_event_region_newest"),
                   models.Index("township", F("occurred_on").desc(), F("id").desc(),
                                name="risk_event_township_newest")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()} · {self.occurred_on}"

    def save(self, *args, **kwargs) -> None:
        unit_copies_fill([self])
        super().save(*args, **kwargs)


class RiskAttachment(models.Model):
    event = models.ForeignKey(RiskEvent, verbose_name=_("风险事件"), on_delete=models.CASCADE,
                              related_name="attachments")
    file = models.FileField(_("附件"), storage=private_storage, upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("事件附件")
        verbose_name_plural = _("事件附件")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
