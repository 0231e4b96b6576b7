from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.regions.models import RegionLevel
from apps.registry.units.models import UnitKind


class AreaKind(models.TextChoices):
    INDUSTRIAL_PARK = "industrial_park", _("工业园区")
    TOWNSHIP = "township", _("乡镇")
    STREET = "street", _("街道")
    COMMUNITY = "community", _("社区")


# Each kind of area: the unit kind it takes part as, and the level of the region it must name (None: optional).
AREA_KIND_RULES = {
    AreaKind.INDUSTRIAL_PARK: (UnitKind.PARK, None),
    AreaKind.TOWNSHIP: (UnitKind.TOWNSHIP, RegionLevel.TOWNSHIP),
    AreaKind.STREET: (UnitKind.TOWNSHIP, RegionLevel.TOWNSHIP),
    AreaKind.COMMUNITY: (UnitKind.COMMUNITY, RegionLevel.COMMUNITY),
}


class Park(models.Model):
    """An industrial park, a township/street or a community taking part as a unit.

    The Unit's kind follows AREA_KIND_RULES: ``park`` for an industrial park,
    ``township`` for a township or street, ``community`` for a community.
    Enterprises within: those whose ``park`` is this park, or, for a
    township/street or community, those whose Unit.township is ``area_region``.
    """

    unit = models.OneToOneField(
        "registry.Unit", verbose_name=_("参创单位"), primary_key=True, on_delete=models.CASCADE, related_name="park"
    )
    area_kind = models.CharField(_("类别"), max_length=20, choices=AreaKind.choices)
    area_region = models.ForeignKey(
        "regions.Region", verbose_name=_("对应乡镇(街道)区划"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("乡镇、街道、社区填写其区划；工业园区可留空。"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("园区与乡镇(街道)")
        verbose_name_plural = _("园区与乡镇(街道)")

    def __str__(self) -> str:
        return self.unit.name


class ServiceStation(models.Model):
    """A basic public labour-relations service station (劳动关系基层公共服务站点)."""

    park = models.ForeignKey(
        Park, verbose_name=_("所属园区/乡镇(街道)"), on_delete=models.CASCADE, related_name="stations"
    )
    name = models.CharField(_("站点名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    staff = models.CharField(_("工作人员"), max_length=200, help_text=_("姓名，多人用顿号分隔。"))
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    services = models.TextField(_("服务内容"), help_text=_("例如：政策咨询、劳动争议调解、用工指导。"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("服务站点")
        verbose_name_plural = _("服务站点")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
