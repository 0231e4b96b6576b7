import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CertificateLevel(models.TextChoices):
    LEVEL_4 = "4", _("四级/中级工")
    LEVEL_3 = "3", _("三级/高级工")
    LEVEL_2 = "2", _("二级/技师")
    LEVEL_1 = "1", _("一级/高级技师")


def certified_on_q(day: datetime.date) -> Q:
    """Coordinators holding a certificate valid on ``day`` (no end date means no expiry)."""
    return (~Q(certificate_number="") & (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            & (Q(valid_until__isnull=True) | Q(valid_until__gte=day)))


class CoordinatorQuerySet(models.QuerySet):
    def certified_on(self, day: datetime.date) -> "CoordinatorQuerySet":
        return self.filter(certified_on_q(day))


class Coordinator(models.Model):
    """A labour-relations coordinator in the ledger (劳动关系协调员台账), with certificate and assigned units."""

    full_name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属区域"), on_delete=models.PROTECT, related_name="coordinators"
    )
    employer = models.CharField(_("工作单位"), max_length=200, blank=True)
    certificate_level = models.CharField(_("证书等级"), max_length=2, choices=CertificateLevel.choices, blank=True)
    certificate_number = models.CharField(_("证书编号"), max_length=50, blank=True)
    valid_from = models.DateField(_("有效期起"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    units = models.ManyToManyField(
        "registry.Unit", verbose_name=_("负责指导的单位"), blank=True, related_name="coordinators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("平台账号"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="coordinator_records",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = CoordinatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("劳动关系协调员")
        verbose_name_plural = _("劳动关系协调员")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="coordinator_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def certificate_valid(self) -> bool:
        today = timezone.localdate()
        return bool(self.certificate_number) and (self.valid_from is None or self.valid_from <= today) and (
            self.valid_until is None or self.valid_until >= today
        )
