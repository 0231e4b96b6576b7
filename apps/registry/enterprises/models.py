from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IndustryClass(models.Model):
    """A GB/T 4754-2017 section (门类, letter) or division (大类, two digits).

    Loaded from fixtures/industries/gb4754_2017.csv by a data migration, so
    the 20 sections and 97 divisions are always present.
    """

    code = models.CharField(_("行业代码"), max_length=4, unique=True)
    name = models.CharField(_("行业名称"), max_length=100)
    section = models.ForeignKey(
        "self", verbose_name=_("门类"), null=True, blank=True, on_delete=models.PROTECT, related_name="divisions"
    )

    class Meta:
        verbose_name = _("国民经济行业分类")
        verbose_name_plural = _("国民经济行业分类")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_section(self) -> bool:
        return self.section_id is None


class Ownership(models.TextChoices):
    STATE = "state", _("国有企业")
    COLLECTIVE = "collective", _("集体企业")
    PRIVATE = "private", _("民营企业")
    FOREIGN = "foreign", _("外商投资企业")
    HMT = "hmt", _("港澳台商投资企业")
    MIXED = "mixed", _("混合所有制企业")
    OTHER = "other", _("其他")


class SizeClass(models.TextChoices):
    LARGE = "large", _("大型")
    MEDIUM = "medium", _("中型")
    SMALL = "small", _("小型")
    MICRO = "micro", _("微型")


LARGER_SIZES = (SizeClass.LARGE, SizeClass.MEDIUM)


class CreditGrade(models.TextChoices):
    A = "A", _("A级")
    B = "B", _("B级")
    C = "C", _("C级")


class Enterprise(models.Model):
    """An enterprise's registry details, extending its Unit one-to-one.

    Not multi-table inheritance: imports and seeders bulk_create the Units
    and then these rows, which MTI cannot do.
    """

    unit = models.OneToOneField(
        "registry.Unit", verbose_name=_("参创单位"), primary_key=True, on_delete=models.CASCADE,
        related_name="enterprise",
    )
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    uscc_check_failed = models.BooleanField(
        _("校验码未通过"), default=False,
        help_text=_("代码格式正确但校验码不符；确有其号的真实代码存在这种情况，须县级工作人员核实确认。"),
    )
    uscc_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("代码核实人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    uscc_confirmed_at = models.DateTimeField(_("代码核实时间"), null=True, blank=True)
    park = models.ForeignKey(
        "registry.Park", verbose_name=_("所在工业园区"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="enterprises",
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    industry = models.ForeignKey(
        IndustryClass, verbose_name=_("所属行业（大类）"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="enterprises", limit_choices_to={"section__isnull": False},
    )
    ownership = models.CharField(_("经济类型"), max_length=20, choices=Ownership.choices, blank=True)
    size = models.CharField(_("企业规模"), max_length=10, choices=SizeClass.choices, blank=True)
    employee_count = models.PositiveIntegerField(
        _("职工人数"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    has_union = models.BooleanField(_("已建立工会"), default=False)
    has_party_org = models.BooleanField(_("已建立党组织"), default=False)
    credit_grade = models.CharField(_("劳动保障诚信等级"), max_length=1, choices=CreditGrade.choices, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        indexes = [
            models.Index(fields=["size"]), models.Index(fields=["credit_grade"]),
            # The few medium and large enterprises' units, read whole without the table (the on-behalf list
            # excludes them from a county's 10,000 units).
            models.Index(fields=["unit"], condition=Q(size__in=LARGER_SIZES), name="enterprise_medium_or_large"),
        ]

    def __str__(self) -> str:
        return self.unit.name

    @property
    def uscc_needs_confirmation(self) -> bool:
        return self.uscc_check_failed and self.uscc_confirmed_at is None
