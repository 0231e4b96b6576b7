"""Titles over time on the home pages (apps/home/workbench.py): a unit's titles ending soon with their renewal,
the written feedback of an office that did not pass it, the county's titles ending soon, and 帮办代办."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import Membership
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.applications.assessments.selectors import application_rules, not_passed_feedback_for_unit
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.applications.titles.selectors import ending_soon_days, titles_ending_for
from apps.applications.workflow.states import RENEWAL_PENDING_STATUSES, status_label
from apps.campaigns.services import CAMPAIGNS_KEY
from apps.core.public_cache import GENERATION_KEY as TITLES_KEY
from apps.core.region_cache import region_cached
from apps.home.items import HomeItem

ENDING_PART = "home:titles-ending"


def unit_titles_ending(membership: Membership) -> list[HomeItem]:
    """The unit's valid titles ending within its locality's earliest reminder (90 days unless its policy says
    otherwise): the way to their renewal, or the renewal under way."""
    today = timezone.localdate()
    days = ending_soon_days(regions=[membership.unit.region], today=today)
    titles = (Recognition.objects.filter(unit_id=membership.unit_id, status=RecognitionStatus.VALID,
                                         valid_until__lte=today + timedelta(days=days))
              .order_by("valid_until"))
    items = []
    for title in titles:
        pending = (title.renewals.filter(status__in=RENEWAL_PENDING_STATUSES)
                   .select_related("unit__region", "campaign_year").first())
        # The renewal's status at its naming level (区级已确认 where 河东区 names).
        note = (_("复审进行中：%(status)s") % {"status": status_label(
                    pending.status, application_rules(pending).naming_level_word)} if pending
                else _("尚未申请复审"))
        items.append(HomeItem(label=_("“%(title)s”将于 %(day)s 到期") % {"title": title.full_title,
                                                                       "day": f"{title.valid_until:%Y-%m-%d}"},
                              note=note, url=reverse("assessments:detail", args=[pending.pk]) if pending
                              else reverse("titles:mine")))
    return items


def unit_feedback(membership: Membership) -> list[HomeItem]:
    """The written feedback of the offices that did not pass the unit's applications (its start: the application
    page has it in full)."""
    return [HomeItem(label=_("%(year)s 年度%(kind)s未通过：%(feedback)s") % {
                         "year": event.application.campaign_year.year, "kind": event.application.get_kind_display(),
                         "feedback": Truncator(event.comment).chars(80)},
                     url=reverse("assessments:detail", args=[event.application_id]))
            for event in not_passed_feedback_for_unit(unit_id=membership.unit_id, limit=3)]


def county_titles_ending(membership: Membership) -> list[HomeItem]:
    """How many titles of the office's area end within its earliest reminder (none: no line).

    Kept per region for an office holding no other (region_cache): the count matches the area's units against
    the titles near their end (~13 ms in PostgreSQL for a county at 200,000 enterprises). It changes when a title
    is conferred, renewed, revoked or expired (each of those services moves the public pages' generation), a
    policy changes its reminder (``CAMPAIGNS_KEY``) or a unit moves (``units_changed``); the date in the key moves
    the window on at midnight."""
    regions = regions_for(membership.user, ADMIN_ROLES)
    if [region.pk for region in regions] != [membership.region_id]:
        return _titles_ending(membership, regions)
    return region_cached(ENDING_PART, membership.region_id, lambda: _titles_ending(membership, regions),
                         also=(TITLES_KEY, CAMPAIGNS_KEY))


def _titles_ending(membership: Membership, regions: list) -> list[HomeItem]:
    today = timezone.localdate()
    days = ending_soon_days(regions=regions, today=today)
    count = titles_ending_for(user=membership.user, today=today, days=days).count()
    if not count:
        return []
    return [HomeItem(label=ngettext("%(days)s 天内到期的称号 %(n)s 项", "%(days)s 天内到期的称号 %(n)s 项", count)
                     % {"days": days, "n": count},
                     url=reverse("titles:ending"))]


def on_behalf(membership: Membership) -> list[HomeItem]:
    return [HomeItem(label=_("代小微企业填报自评（帮办代办）"), url=reverse("assessments:on_behalf"))]
