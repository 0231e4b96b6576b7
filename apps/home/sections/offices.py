"""The offices' own work of this year on the county and city workbench (used by apps/home/workbench.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.core.region_cache import region_cached
from apps.home.items import HomeItem
from apps.offices.honours.selectors import honour_figures
from apps.offices.this_year import THIS_YEAR_PART
from apps.offices.training.selectors import training_figures


def this_year(membership: Membership) -> list[HomeItem]:
    """Training and outreach held, and honours recommended and awarded, in the membership's region this year; kept
    per region until a session or an honour of it is recorded or changed (apps/offices/this_year.py)."""
    return region_cached(THIS_YEAR_PART, membership.region_id, lambda: _this_year(membership))


def _this_year(membership: Membership) -> list[HomeItem]:
    year = timezone.localdate().year
    training = training_figures(membership.region, year)
    honours = honour_figures(membership.region, year)
    return [
        HomeItem(label=_("培训宣传活动 %(n)s 场，参加 %(people)s 人次")
                 % {"n": training.sessions, "people": training.people},
                 note=_("协调员 %(c)s 人参训，共 %(h)s 学时") % {"c": training.coordinators,
                                                                "h": training.coordinator_hours},
                 url=f"{reverse('training:list')}?year={year}"),
        HomeItem(label=_("荣誉推荐 %(n)s 项，已授予 %(a)s 项") % {"n": honours.recommended, "a": honours.awarded},
                 note=_("待定 %(p)s 项") % {"p": honours.pending},
                 url=f"{reverse('honours:list')}?year={year}"),
    ]
