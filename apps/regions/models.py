from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县(市、区)")
    TOWNSHIP = "township", _("乡镇(街道)")
    COMMUNITY = "community", _("社区")


# The levels below a county where a unit sits (Unit.township): a township/street, or a community under one.
PLACE_LEVELS = (RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY)


class RegionQuerySet(models.QuerySet):
    def within(self, region: "Region") -> "RegionQuerySet":
        """The region and everything below it."""
        return self.filter(path__startswith=region.path)

    def in_code_order(self) -> "RegionQuerySet":
        """By division code, regions without one last (by id).

        ``path`` holds ids as text, so ordering by it puts "/1/10/" before "/1/2/".
        """
        return self.order_by(*_code_order(""))

    def counties_by_city(self) -> "RegionQuerySet":
        """Counties with their city, cities in code order and each city's counties together in code order."""
        return self.select_related("parent").order_by(*_code_order("parent__"), *_code_order(""))


def _code_order(prefix: str) -> list:
    return [Case(When(**{f"{prefix}code": ""}, then=Value(1)), default=Value(0)), f"{prefix}code", f"{prefix}id"]


class Region(models.Model):
    """A node of the administrative tree: province → city → county → township → community.

    ``path`` is a materialised path of primary keys ("/3/17/120/"), so a
    jurisdiction's subtree is one indexed prefix match. A province-level
    municipality such as 天津市 is stored as a city with no parent: for the
    campaign it plays the city's role.
    """

    code = models.CharField(
        _("区划代码"),
        max_length=12,
        blank=True,
        help_text=_("GB/T 2260 六位县级以上代码；乡镇(街道)按 GB/T 10114 九位代码；社区按统计用区划代码十二位；"
                    "未能核实的留空。"),
    )
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="region_code_unique_when_set"),
            models.UniqueConstraint(fields=["parent", "name"], name="region_name_unique_under_parent"),
        ]
        indexes = [
            models.Index(fields=["path"], name="region_path_prefix", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # A community (社区) sits under a township/street; its statistical division code has twelve digits,
        # the first nine being the township's code when that is known.
        if self.level != RegionLevel.COMMUNITY:
            return
        errors = {}
        if self.parent is None or self.parent.level != RegionLevel.TOWNSHIP:
            errors["parent"] = _("社区的上级须为乡镇(街道)。")
        if self.code:
            if len(self.code) != 12 or not self.code.isdigit():
                errors["code"] = _("社区代码应为十二位数字（统计用区划代码），未能核实的留空。")
            elif self.parent is not None and len(self.parent.code) == 9 and not self.code.startswith(self.parent.code):
                errors["code"] = _("社区代码的前九位应为所属乡镇(街道)的代码 %(code)s。") % {"code": self.parent.code}
        if errors:
            raise ValidationError(errors)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1

    @property
    def path_ids(self) -> list[int]:
        """The ids of this region and every region above it, top first (read from the path, no query)."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    @property
    def county_or_own_id(self) -> int:
        """The id of the county a township or community lies in; a county's or a higher region's own (no query)."""
        below = {RegionLevel.TOWNSHIP: 1, RegionLevel.COMMUNITY: 2}.get(self.level, 0)
        return self.path_ids[-1 - below]

    def ancestors(self) -> "RegionQuerySet":
        return Region.objects.filter(pk__in=self.path_ids).order_by("path")

    @property
    def full_name(self) -> str:
        return "".join(region.name for region in self.ancestors())

    def contains(self, other: "Region") -> bool:
        return other.path.startswith(self.path)
