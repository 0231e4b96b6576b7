"""The city admin's home-page list of open revocation cases (used by apps/home/workbench.py)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.core.region_cache import region_cached
from apps.home.items import HomeItem
from apps.home.sections.reviews import items_with_more
from apps.oversight.revocations.models import CaseStatus, RevocationCase
from apps.oversight.revocations.selectors import OPEN_CASES_KEY

OPEN_CASES_PART = "home:revocation-cases"


def case_origin(case: RevocationCase) -> str:
    """What opened the case: the rule its title's risk events met, or the office that proposed it."""
    return case.rule.name if case.rule else _("%(by)s提出") % {"by": case.proposed_by}


def open_cases(membership: Membership) -> list:
    """``_open_cases``, kept per region until a case is opened or closed or a rule renamed (``OPEN_CASES_KEY``) or a
    unit renamed or moved (the region part's generations): read afresh, it joined the region's titles and units
    (~55 pages and ~14 ms of CPU per request at 200,000 enterprises)."""
    return region_cached(OPEN_CASES_PART, membership.region_id, lambda: _open_cases(membership),
                         also=(OPEN_CASES_KEY,))


def _open_cases(membership: Membership) -> list:
    """Open cases of titles in the membership's region, oldest first: the longest waiting come first."""
    path = membership.region.path
    cases = (RevocationCase.objects.filter(status=CaseStatus.OPEN)
             .filter(Q(recognition__unit__region__path__startswith=path)
                     | Q(recognition__unit__township__path__startswith=path))
             .select_related("recognition__unit", "rule", "proposed_by").order_by("opened_at", "pk"))
    return items_with_more(
        cases,
        lambda case: HomeItem(label=case.recognition.unit.name, url=reverse("revocations:case", args=[case.pk]),
                              note=_("%(rule)s · %(day)s 立案") % {"rule": case_origin(case),
                                                                  "day": f"{case.opened_at:%Y-%m-%d}"}),
        reverse("revocations:cases") + "?status=open",
    )
