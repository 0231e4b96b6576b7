from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.regions.models import PLACE_LEVELS, Region, RegionLevel


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


PLACE_FIELDS = frozenset({"region", "region_id", "township", "township_id"})


def place_errors(region: Region, township: Region | None) -> dict[str, str]:
    """What is wrong with placing a unit in ``region`` and ``township`` (field: message), empty when nothing is.

    A unit's region is a county and its township/community lies in that county. The jurisdiction filters
    (``accounts.selectors.place_q``) rely on this: a county or city finds its units by their county alone."""
    if region.level != RegionLevel.COUNTY:
        return {"region": _("所属地区须为县(市、区)。")}
    if township is not None and (township.level not in PLACE_LEVELS or not township.path.startswith(region.path)):
        return {"township": _("乡镇(街道)/社区“%(township)s”不属于%(county)s。") % {
            "township": township.name, "county": region.name}}
    return {}


def units_place_check(placements: Iterable[tuple[int, int | None]]) -> None:
    """Refuse (ValidationError) if any (region id, township id) pair breaks ``place_errors``; one query."""
    placements = {(region_id, township_id) for region_id, township_id in placements if region_id is not None}
    ids = {region_id for region_id, _township in placements} | {t for _region, t in placements if t is not None}
    regions = Region.objects.only("name", "level", "path").in_bulk(ids)
    for region_id, township_id in placements:
        if region_id not in regions or (township_id is not None and township_id not in regions):
            continue  # no such region: the foreign key refuses the row
        errors = place_errors(regions[region_id], regions.get(township_id))
        if errors:
            raise ValidationError(errors)


class UnitQuerySet(models.QuerySet):
    """Every way units are written checks their place (``place_errors``): ``Unit.save``, ``bulk_create`` here, and
    ``registry.enterprises.services.enterprises_bulk_create`` (COPY) by calling ``units_place_check``; a unit is
    not moved by ``update()``."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        units_place_check((unit.region_id, unit.township_id) for unit in objs)
        return super().bulk_create(objs, *args, **kwargs)

    def update(self, **kwargs):
        if PLACE_FIELDS & kwargs.keys():
            raise TypeError("A unit moves through Unit.save (its place is checked), not QuerySet.update.")
        return super().update(**kwargs)


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

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("参创单位")
        verbose_name_plural = _("参创单位")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["region", "kind"]),
            # A county's units in name order (the unit list): walked from the first name, it stops when the page is
            # full, where the county's 11,000 units were read and sorted; a city's list merges the walks of its
            # counties (registry.selectors.units_in_name_order).
            models.Index(fields=["region", "name", "id"], name="unit_by_county_in_name_order"),
            # The county's and city's pending registrations (待核验): a few rows among the jurisdiction's
            # thousands of verified units, found without reading the others.
            models.Index(fields=["region", "created_at"], name="unit_pending_by_region",
                         condition=models.Q(verification_status=VerificationStatus.PENDING)),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        fields = kwargs.get("update_fields")
        if self.region_id is not None and (fields is None or PLACE_FIELDS & set(fields)):
            self._place_check()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.region_id is not None:
            self._place_check()

    def _place_check(self) -> None:
        if Unit.region.is_cached(self) and (self.township_id is None or Unit.township.is_cached(self)):
            errors = place_errors(self.region, self.township)
            if errors:
                raise ValidationError(errors)
        else:
            units_place_check([(self.region_id, self.township_id)])
