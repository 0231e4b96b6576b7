import datetime

import factory
from django.utils import timezone

from apps.accounts.models import Membership, Role, User
from apps.regions.models import Region, RegionLevel
from apps.regions.services import region_create
from apps.registry.enterprises.models import Enterprise
from apps.registry.enterprises.uscc import uscc_with_check_digit
from apps.registry.units.models import Unit, UnitKind

TEST_PASSWORD = "Test-pass-2026"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"区域{n}")
    level = RegionLevel.COUNTY
    parent = None
    code = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return region_create(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    kind = UnitKind.ENTERPRISE
    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.COUNTY_ADMIN


class EnterpriseFactory(factory.django.DjangoModelFactory):
    """An enterprise profile on its own Unit; pass ``unit__region=`` (and ``unit__township=``) to place it."""

    class Meta:
        model = Enterprise

    unit = factory.SubFactory(UnitFactory)
    uscc = factory.Sequence(lambda n: uscc_with_check_digit(f"91141002MA{n:07d}"))
class CampaignYearFactory(factory.django.DjangoModelFactory):
    """A campaign year whose self-evaluation window is open all year."""

    class Meta:
        model = "campaigns.CampaignYear"

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    self_evaluation_opens = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    self_evaluation_closes = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    county_review_deadline = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    city_confirmation_deadline = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))


class CampaignPolicyFactory(factory.django.DjangoModelFactory):
    """A city's policy that keeps the portal's defaults (3-year validity, 80 % threshold, the two uploads for every
    unit kind); a test overrides the rule it is about."""

    class Meta:
        model = "campaigns.CampaignPolicy"

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    validity_years = 3
    satisfaction_threshold = 80
    required_evidence = factory.LazyFunction(lambda: {
        kind: [{"kind": "congress_approval", "label": "职工(代表)大会审议通过的自我评价报告"},
               {"kind": "commitment", "label": "申报承诺书"}]
        for kind in UnitKind.values
    })


def precheck_on(campaign_year):
    """The policy in force for the campaign year's city uses the township pre-check."""
    return CampaignPolicyFactory(region=campaign_year.city, year=campaign_year.year, township_precheck=True)


def named(unit, *, city, by, issued_on=None, years: int = 3):
    """A valid title for ``unit`` conferred by ``city`` (through the recognitions service)."""
    from apps.applications.recognitions.services import recognition_create

    issued_on = issued_on or datetime.date(2024, 12, 1)
    return recognition_create(unit=unit, city=city, year=issued_on.year, issued_on=issued_on, by=by,
                              validity_years=years)


class RiskEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "oversight.RiskEvent"

    unit = factory.SubFactory(UnitFactory)
    kind = "arbitration_case"
    occurred_on = datetime.date(2025, 3, 1)
    severity = 1
    source = "劳动人事争议仲裁院"
    description = "追索劳动报酬"
