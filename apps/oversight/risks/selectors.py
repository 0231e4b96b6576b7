from django.db.models import QuerySet

from apps.accounts.models import Role, User
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.registry.units.models import Unit

from .models import RiskAttachment, RiskEvent

# Staff of the unit's county (and the city above it) record events; township staff may read them.
VIEW_ROLES = (*ADMIN_ROLES, Role.TOWNSHIP_STAFF)


def risk_event_list_for(*, user: User) -> QuerySet[RiskEvent]:
    """The user's events, matched on their own copy of their unit's county and township (RiskEvent.region,
    .township) and its indexes, not through the jurisdiction's units."""
    return scope_to_jurisdiction(RiskEvent.objects.select_related("unit__region", "api_client"), user,
                                 fields=("region", "township"), roles=VIEW_ROLES)


def risk_attachment_for(*, user: User) -> QuerySet[RiskAttachment]:
    return scope_to_jurisdiction(
        RiskAttachment.objects.select_related("event"), user,
        fields=("event__region", "event__township"), roles=VIEW_ROLES,
    )


def units_for_entry(*, user: User) -> QuerySet[Unit]:
    """Units the user may record risk events for."""
    return scope_to_jurisdiction(Unit.objects.select_related("region"), user, fields=("region", "township"),
                                 roles=ADMIN_ROLES)


def unit_lookup(*, units: QuerySet[Unit], text: str) -> tuple[Unit | None, str]:
    """Find one unit by credit code or exact name; returns (unit, Chinese error)."""
    text = text.strip()
    if not text:
        return None, "请填写单位的统一社会信用代码或全称。"
    matches = list(units.filter(enterprise__uscc=text.upper())[:2]) or list(units.filter(name=text)[:2])
    if not matches:
        return None, f"在您的管辖范围内找不到单位“{text}”。"
    if len(matches) > 1:
        return None, f"名称为“{text}”的单位不止一个，请改填统一社会信用代码。"
    return matches[0], ""
