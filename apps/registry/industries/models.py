from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndustryKind(models.TextChoices):
    INDUSTRY = "industry", _("行业")
    GROUP = "group", _("集团")
    CHAIN = "chain", _("产业链·供应链")


class LeadBodyType(models.TextChoices):
    ASSOCIATION = "association", _("行业协会")
    CHAMBER = "chamber", _("商会")
    CHAIN_LEADER = "chain_leader", _("龙头企业（链长）")


class IndustryBody(models.Model):
    """An industry, group or industrial/supply chain created as one unit (Hedong seed, 三(三)(四))."""

    unit = models.OneToOneField(
        "registry.Unit", verbose_name=_("参创单位"), primary_key=True, on_delete=models.CASCADE,
        related_name="industry_body",
    )
    industry_kind = models.CharField(_("创建类型"), max_length=20, choices=IndustryKind.choices)
    lead_body_type = models.CharField(_("牵头主体类型"), max_length=20, choices=LeadBodyType.choices)
    lead_body_name = models.CharField(_("牵头主体名称"), max_length=200)
    pilot_year = models.PositiveSmallIntegerField(
        _("试点年度"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    members = models.ManyToManyField(
        "registry.Enterprise", verbose_name=_("成员企业"), blank=True, related_name="industry_bodies"
    )

    class Meta:
        verbose_name = _("行业、集团与产业链")
        verbose_name_plural = _("行业、集团与产业链")

    def __str__(self) -> str:
        return self.unit.name
