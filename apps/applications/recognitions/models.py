from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecognitionStatus(models.TextChoices):
    VALID = "valid", _("有效")
    REVOKED = "revoked", _("已撤销")
    EXPIRED = "expired", _("已过期")


def valid_through(day, prefix: str = "") -> Q:
    """Titles whose validity covers ``day``: ending on it or later, or with no fixed end."""
    return Q(**{f"{prefix}valid_until__gte": day}) | Q(**{f"{prefix}valid_until__isnull": True})


class Recognition(models.Model):
    """A title conferred on a unit (认定授牌) with its certificate.

    ``number`` is what the certificate and its QR code carry; it is made of
    the city's division code, the year and a per-city-and-year sequence
    (e.g. 141000-2025-0007) so a person can read it over the phone.
    """

    unit = models.ForeignKey("registry.Unit", verbose_name=_("单位"), on_delete=models.PROTECT,
                             related_name="recognitions")
    application = models.OneToOneField("applications.Application", verbose_name=_("创建申报"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="recognition")
    city = models.ForeignKey("regions.Region", verbose_name=_("命名机关所在市"), on_delete=models.PROTECT,
                             related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("证书编号"), max_length=40, unique=True)
    title = models.CharField(_("称号"), max_length=100)
    level = models.CharField(_("级别"), max_length=20, blank=True)
    grade = models.CharField(_("等级"), max_length=20, blank=True)
    score = models.DecimalField(_("认定得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("命名日期"))
    # Empty where the policy sets no validity (the title has no fixed end).
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=RecognitionStatus.choices,
                              default=RecognitionStatus.VALID)
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    revoked_reason = models.TextField(_("撤销原因"), blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("命名操作人"),
                                  on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("认定命名")
        verbose_name_plural = _("认定命名")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year", "sequence"], name="recognition_sequence_unique"),
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("issued_on")),
                                   name="recognition_valid_after_issue"),
        ]
        indexes = [
            models.Index(fields=["status", "year"]), models.Index(fields=["valid_until"]),
            # Titles in force by their end: the titles ending soon and the nightly expiry. A title past its end is
            # marked expired, so the province's expired titles (18,000 of those ending before a date) stay out.
            models.Index(fields=["valid_until"], condition=Q(status=RecognitionStatus.VALID),
                         name="recognition_in_force_by_end"),
            # The lists' order: a large jurisdiction's page walks it and keeps its own titles (recognition_list_for).
            models.Index(fields=["-year", "number"], name="recognition_list_order"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.unit}"

    @property
    def full_title(self) -> str:
        """The title as the certificate prints it (``title`` is its full wording), with the grade if any; a grade
        from a demonstration standard says so wherever it prints."""
        if not self.grade:
            return self.title
        if self.score_is_example:
            return f"{self.title}（{self.grade}，示例评分，非正式等级）"
        return f"{self.title}（{self.grade}）"

    @property
    def score_is_example(self) -> bool:
        """The score and grade come from a demonstration standard (示例评分方案), not an official one."""
        return self.application_id is not None and self.application.standard.is_example

    @property
    def current_status(self) -> str:
        """The status a reader should see today: a valid title past its end date has expired."""
        if (self.status == RecognitionStatus.VALID and self.valid_until is not None
                and self.valid_until < timezone.localdate()):
            return RecognitionStatus.EXPIRED
        return self.status

    @property
    def is_valid_today(self) -> bool:
        return self.current_status == RecognitionStatus.VALID

    def get_current_status_display(self) -> str:
        return RecognitionStatus(self.current_status).label
