from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    PARK = "park", _("工业园区")
    TOWNSHIP = "township", _("乡镇(街道)")
    COMMUNITY = "community", _("社区")
    INDUSTRY = "industry", _("行业")


# Units that are an area (with a parks.Park profile): an industrial park, a township/street, a community.
AREA_UNIT_KINDS = (UnitKind.PARK, UnitKind.TOWNSHIP, UnitKind.COMMUNITY)


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("待核验")
    VERIFIED = "verified", _("已核验")
    REJECTED = "rejected", _("已退回")


class Unit(models.Model):
    """A participant in the campaign: an enterprise, park, township/street or industry.

    The kind-specific details live in the registry apps, which extend this
    model; applications, memberships and jurisdiction scoping all refer to
    Unit. ``region`` is the county the unit is registered in; ``township`` is
    the place below the county it sits in, when known: a township/street, or a
    community (社区) under one, so a township's staff see its communities' units
    through the region path.
    """

    kind = models.CharField(_("单位类型"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("单位名称"), max_length=200)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所属县(市、区)"), on_delete=models.PROTECT, related_name="units"
    )
    township = models.ForeignKey(
        "regions.Region", verbose_name=_("所属乡镇(街道)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="township_units",
    )
    verification_status = models.CharField(
        _("核验状态"), max_length=10, choices=VerificationStatus.choices, default=VerificationStatus.VERIFIED
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("参创单位")
        verbose_name_plural = _("参创单位")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["region", "kind"]),
            # The county's and city's pending registrations (待核验): a few rows among the jurisdiction's
            # thousands of verified units, found without reading the others.
            models.Index(fields=["region", "created_at"], name="unit_pending_by_region",
                         condition=models.Q(verification_status=VerificationStatus.PENDING)),
        ]

    def __str__(self) -> str:
        return self.name
