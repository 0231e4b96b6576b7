"""Writes shared by every kind of unit: history, registration review."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext

from apps.accounts.models import Membership, Role, User
from apps.notifications.services import notify
from apps.regions.services import region_parts_changed
from apps.registry.units.home import unit_home_changed
from apps.registry.units.models import Unit, VerificationStatus

from .models import UnitEvent, UnitEventAction

# The county workbench's list of registrations waiting for verification (apps/home/workbench.py), kept per region:
# a registration, its verification, its return and its resubmission drop it (``pending_units_changed``).
PENDING_PART = "registry:pending"


def pending_units_changed(*, unit: Unit) -> None:
    """Drop the kept list of registrations waiting in the unit's county (and the regions above), and the unit's
    own workbench."""
    region_parts_changed(PENDING_PART, region_ids=[unit.region_id])
    unit_home_changed(unit_ids=[unit.pk])  # its representative's workbench shows the registration's state


# The verified enterprises of a region with their sizes (帮办代办's list of small enterprises,
# apps/applications/assessments/on_behalf.py), kept per region and page: an enterprise created or imported verified,
# a registration verified and an enterprise's details changed (its size) drop them (``verified_enterprises_changed``);
# a rename or move also moves every unit's generation (``units_changed``).
VERIFIED_ENTERPRISES_PART = "registry:verified-enterprises"


def verified_enterprises_changed(*, places: Iterable[int | None]) -> None:
    """Drop the kept lists of verified enterprises of these counties and townships and of every region above them."""
    region_parts_changed(VERIFIED_ENTERPRISES_PART, region_ids=places)


# The number of units in a jurisdiction's whole unit list (registry.selectors.unit_total_kept), kept per region.
UNITS_TOTAL_PART = "registry:units-total"


def units_added(*, region_ids: Iterable[int]) -> None:
    """Units were added in these counties: drop their kept totals and those of the regions above."""
    region_parts_changed(UNITS_TOTAL_PART, region_ids=region_ids)


def display_value(instance: models.Model, field_name: str) -> str:
    """A field's value as a person reads it (choice labels, 是/否, names)."""
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field_name)
    if value is None or value == "":
        return ""
    if getattr(field, "choices", None):
        return str(getattr(instance, f"get_{field_name}_display")())
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def snapshot(instances: Iterable[tuple[models.Model, Iterable[str]]]) -> dict[str, tuple[str, str]]:
    """{field label: display value} for the given fields of the given instances."""
    values = {}
    for instance, fields in instances:
        for name in fields:
            values[str(instance._meta.get_field(name).verbose_name)] = display_value(instance, name)
    return values


def changes_between(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {label: [before.get(label, ""), value] for label, value in after.items() if before.get(label, "") != value}


def unit_event_record(
    *, unit: Unit, action: str, actor: User | None, changes: dict[str, Any] | None = None, note: str = ""
) -> UnitEvent:
    return UnitEvent.objects.create(unit=unit, action=action, actor=actor, changes=changes or {}, note=note)


def _unit_reps(unit: Unit) -> list[User]:
    return [m.user for m in Membership.objects.filter(unit=unit, role=Role.UNIT_REP).select_related("user")]


def _county_admins(unit: Unit) -> list[User]:
    return [m.user for m in Membership.objects.filter(region=unit.region, role=Role.COUNTY_ADMIN)
            .select_related("user")]


def unit_verify(*, unit: Unit, by: User) -> Unit:
    """Accept a pending (or previously rejected) registration; the unit's reps are notified.

    A credit code that fails its check digit must be confirmed first: verifying would otherwise
    put a mistyped code into every list and certificate.
    """
    if unit.verification_status == VerificationStatus.VERIFIED:
        raise ValidationError(gettext("该单位已核验通过，无需重复操作。"))
    enterprise = getattr(unit, "enterprise", None)
    if enterprise is not None and enterprise.uscc_needs_confirmation:
        raise ValidationError(
            gettext("统一社会信用代码 %(code)s 的校验位不符，请先对照营业执照核实，点击“已核实，确认代码”后再核验通过；"
                    "代码有误的请退回并说明。") % {"code": enterprise.uscc}
        )
    unit.verification_status = VerificationStatus.VERIFIED
    unit.save(update_fields=["verification_status", "updated_at"])
    pending_units_changed(unit=unit)
    verified_enterprises_changed(places=[unit.region_id, unit.township_id])
    unit_event_record(unit=unit, action=UnitEventAction.VERIFIED, actor=by)
    notify(users=_unit_reps(unit), message=f"“{unit.name}”的注册信息已核验通过，现在可以开展创建工作。",
           url=reverse("home:home"))
    return unit


def unit_reject(*, unit: Unit, by: User, reason: str) -> Unit:
    """Send a registration back with a reason the reps see on their home page."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(gettext("请填写退回原因，单位填报人将看到这段说明。"))
    if unit.verification_status != VerificationStatus.PENDING:
        raise ValidationError(gettext("只能退回待核验的注册。"))
    unit.verification_status = VerificationStatus.REJECTED
    unit.save(update_fields=["verification_status", "updated_at"])
    pending_units_changed(unit=unit)
    unit_event_record(unit=unit, action=UnitEventAction.REJECTED, actor=by, note=reason)
    notify(users=_unit_reps(unit), message=f"“{unit.name}”的注册未通过核验：{reason}", url=reverse("home:home"),
           sms=True)
    return unit


def unit_registration_resubmit(*, unit: Unit, by: User, changes: dict[str, Any]) -> Unit:
    """A returned registration, corrected by its rep, goes back to the county's pending list.

    ``changes`` are the corrected fields (label: [old, new]) the kind's own update service recorded;
    the county sees them in the unit's history and is notified.
    """
    if unit.verification_status != VerificationStatus.REJECTED:
        raise ValidationError(gettext("只有被退回的注册才能修改后重新提交。"))
    unit.verification_status = VerificationStatus.PENDING
    unit.save(update_fields=["verification_status", "updated_at"])
    pending_units_changed(unit=unit)
    unit_event_record(unit=unit, action=UnitEventAction.RESUBMITTED, actor=by, changes=changes)
    notify(users=_county_admins(unit), message=f"“{unit.name}”已按退回意见修改注册信息并重新提交，请核验。",
           url=reverse("registry:unit_detail", args=[unit.pk]))
    return unit


def unit_rejection_reason(unit: Unit) -> str:
    event = unit.events.filter(action=UnitEventAction.REJECTED).order_by("-created_at", "-pk").first()
    return event.note if event else ""
