"""帮办代办: the township/street and county offices fill and submit a small enterprise's self-evaluation for it.

Who counts as small is read from the registry (the enterprise's size, 小型 or 微型); an enterprise whose size is
not recorded may be chosen too, and every filing records its reason. Medium and large enterprises file themselves.
"""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ON_BEHALF_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.core.region_cache import region_cached
from apps.registry.enterprises.models import LARGER_SIZES, Enterprise
from apps.registry.services import VERIFIED_ENTERPRISES_PART
from apps.registry.units.models import Unit, UnitKind, VerificationStatus


def units_for_filing_on_behalf(*, user: User, search: str = "") -> QuerySet[Unit]:
    """Verified enterprises in the user's area (as township or county staff) that are small or micro, or whose
    size the registry does not record."""
    # Not "whose enterprise is small, micro or unrecorded, or who has none" as a join: that probed the enterprise of
    # each of a county's 11,000 units (45,000 pages); the few medium and large enterprises are read once and
    # excluded (a hashed NOT IN), from their own partial index (enterprise_medium_or_large, ~100 pages; the
    # enterprise table is 3,900). Same rows.
    units = _in_area(user).exclude(pk__in=_filing_themselves().values("unit_id"))
    search = search.strip()
    if search:
        units = units.filter(Q(name__icontains=search) | Q(enterprise__uscc__iexact=search))
    return units.order_by("name", "pk")


def unit_for_filing_on_behalf(*, user: User, pk: int) -> Unit | None:
    """One unit of ``units_for_filing_on_behalf``, by id: its enterprise looked up once (``NOT EXISTS``), where the
    list's hashed ``NOT IN`` read every medium and large enterprise of the province (133 pages) for one unit."""
    return _in_area(user).filter(~Exists(_filing_themselves().filter(unit_id=OuterRef("pk"))), pk=pk).first()


def _in_area(user: User) -> QuerySet[Unit]:
    """Verified enterprises in the user's area (as township or county staff), of any size."""
    return scope_to_jurisdiction(
        Unit.objects.select_related("region", "township", "enterprise"), user, fields=("region", "township"),
        roles=ON_BEHALF_ROLES,
    ).filter(kind=UnitKind.ENTERPRISE, verification_status=VerificationStatus.VERIFIED)


def _filing_themselves() -> QuerySet[Enterprise]:
    """The enterprises that file for themselves: medium and large."""
    return Enterprise.objects.filter(size__in=LARGER_SIZES)


def units_page_kept(*, user: User, number: int, read: Callable[[], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``read()`` (the ids of page ``number`` of ``units_for_filing_on_behalf``'s rows without a search, with the
    total), kept per jurisdiction and page until an enterprise of it is created, verified or changes its details
    (``registry.services.verified_enterprises_changed``) or a unit is renamed or moved (``units_changed``).

    A county's list counted its 11,000 small enterprises for the total (3,600 pages) to show 30. A user holding
    these offices in several regions is read each time."""
    roots = regions_for(user, ON_BEHALF_ROLES)
    if len(roots) != 1:
        return read()
    return region_cached(VERIFIED_ENTERPRISES_PART, roots[0].pk, read, variant=f"on-behalf:{number}")


def size_label(unit: Unit) -> str:
    enterprise = getattr(unit, "enterprise", None)
    if enterprise is None or not enterprise.size:
        return _("规模未登记")
    return enterprise.get_size_display()
