from datetime import date

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from apps.accounts.models import User
from apps.core.public_cache import generations_changed
from apps.regions.models import RegionLevel

from .models import CampaignPolicy, CampaignYear, NamingLevel
from .selectors import POLICIES_KEY, naming_level_of, policy_for

PHASES = {
    "self_evaluation": ("self_evaluation_opens", "self_evaluation_closes", gettext_lazy("自评申报")),
    "county_review": ("self_evaluation_opens", "county_review_deadline", gettext_lazy("县级评估验收")),
    "city_confirmation": ("self_evaluation_opens", "city_confirmation_deadline", gettext_lazy("市级确认")),
}
# Moved by every change of a policy: the workbench parts kept per region or unit that follow a rule of it (the
# township pre-check, the naming level, the reminder days, the coordinators required) are dropped.
CAMPAIGNS_KEY = "campaigns:generation"

# A district's calendar: its own office confirms (the phase keeps its name, its label says who acts).
COUNTY_PHASE_LABELS = {"city_confirmation": gettext_lazy("命名确认")}


class OutsideWindow(ValidationError):
    """An action attempted outside its phase window; the message carries the dates."""


def campaign_window_check(*, campaign_year: CampaignYear, phase: str, today: date) -> None:
    """Refuse (raise OutsideWindow) when ``today`` is outside the phase's window."""
    opens_field, closes_field, label = PHASES[phase]
    if campaign_year.city.level == RegionLevel.COUNTY:
        label = COUNTY_PHASE_LABELS.get(phase, label)
    opens, closes = getattr(campaign_year, opens_field), getattr(campaign_year, closes_field)
    if opens <= today <= closes:
        return
    message = (_("%(city)s%(year)s年度%(phase)s尚未开始：办理时间为 %(opens)s 至 %(closes)s。") if today < opens
               else _("%(city)s%(year)s年度%(phase)s已经结束：办理时间为 %(opens)s 至 %(closes)s。"))
    day = pgettext("date with leading zeros", "Y年m月d日")
    raise OutsideWindow(message % {"city": campaign_year.city.name, "year": campaign_year.year, "phase": label,
                                   "opens": date_format(opens, day), "closes": date_format(closes, day)})


def campaign_year_save(*, campaign_year: CampaignYear, by: User) -> CampaignYear:
    """Create or change a campaign calendar. A city runs one; a county/district only where the policy in force
    for it that year has it name its own units (its office confirms, announces and names). Who may set which
    region's calendar is the view's (calendar_regions_for); this is the rule for every caller."""
    region = campaign_year.city if campaign_year.city_id else None
    if region is not None and region.level == RegionLevel.COUNTY:
        year = campaign_year.year
        if year and naming_level_of(policy_for(region=region, year=year)) != NamingLevel.COUNTY:
            raise ValidationError({"city": _(
                "%(region)s%(year)s年度的创建活动由市级命名，创建活动年度由市级设置；县(市、区)只有在创建活动政策"
                "规定由本级命名时才能设置本级的创建活动年度。") % {"region": region.name, "year": year}})
    elif region is not None and region.level != RegionLevel.CITY:
        raise ValidationError({"city": _("创建活动年度由开展创建活动的市或县(市、区)设置。")})
    campaign_year.full_clean()
    campaign_year.save()
    return campaign_year


def policy_save(*, policy: CampaignPolicy, by: User) -> CampaignPolicy:
    """Create or change a version of a campaign policy; the audit trail records who changed what."""
    if policy.region_id and policy.region.level not in (RegionLevel.CITY, RegionLevel.COUNTY):
        raise ValidationError({"region": _("创建活动政策由市或县(市、区)制定，乡镇(街道)沿用上级的政策。")})
    policy.updated_by = by
    policy.full_clean()
    policy.save()
    # The workbench parts that follow its rules, and the public notices kept in its wording.
    generations_changed([CAMPAIGNS_KEY, POLICIES_KEY])
    return policy
