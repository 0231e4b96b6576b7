from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import Membership, Role, User
from apps.accounts.usernames import username_check
from apps.core.region_cache import units_changed
from apps.regions.models import Region
from apps.registry.bulk import copy_insert, ids_reserve
from apps.registry.models import UnitEvent, UnitEventAction
from apps.registry.services import (
    changes_between,
    pending_units_changed,
    snapshot,
    unit_event_record,
    unit_registration_resubmit,
    units_added,
    verified_enterprises_changed,
)
from apps.registry.unit_page import unit_pages_changed
from apps.registry.units.copied import unit_copies_update
from apps.registry.units.models import Unit, UnitKind, VerificationStatus, place_errors, units_place_check

from .models import Enterprise
from .uscc import uscc_check

PROFILE_FIELDS = (
    "uscc", "park", "address", "industry", "ownership", "size", "employee_count",
    "has_union", "has_party_org", "credit_grade", "contact_name", "contact_phone",
)
UNIT_FIELDS = ("name", "region", "township")


@dataclass
class EnterpriseData:
    """Everything a person enters about an enterprise; services validate it."""
    name: str
    uscc: str
    region: Region
    township: Region | None = None
    profile: dict[str, Any] = field(default_factory=dict)


def placement_check(*, region: Region, township: Region | None, park=None) -> None:
    """The township must lie in the county (``units.models.place_errors``), and so must the park."""
    errors = place_errors(region, township)
    if errors:
        raise ValidationError(errors)
    if park is not None and park.unit.region_id != region.pk:
        raise ValidationError({"park": gettext("工业园区“%(park)s”不在%(region)s。")
                                       % {"park": park, "region": region.name}})


def _check_uscc_free(code: str, *, exclude_pk: int | None = None) -> None:
    taken = Enterprise.objects.filter(uscc=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    holder = taken.select_related("unit").first()
    if holder is None:
        return
    if holder.unit.verification_status == VerificationStatus.REJECTED:
        raise ValidationError({"uscc": gettext(
            "统一社会信用代码 %(code)s 的注册已被县级三方办公室退回，无需重新注册：请用当时注册的账号登录，"
            "在工作台点“修改注册信息并重新提交”。") % {"code": code}})
    raise ValidationError(
        {"uscc": gettext("统一社会信用代码 %(code)s 已被登记，请勿重复录入；如有疑问请联系所在县级三方办公室。")
                 % {"code": code}}
    )


@transaction.atomic
def enterprise_create(
    *, data: EnterpriseData, by: User | None, status: str = VerificationStatus.VERIFIED,
    action: str = UnitEventAction.CREATED,
) -> Enterprise:
    """Create the Unit, then its Enterprise profile, then the first history entry."""
    try:
        checked = uscc_check(data.uscc)
    except ValidationError as error:
        raise ValidationError({"uscc": error.messages}) from error
    placement_check(region=data.region, township=data.township, park=data.profile.get("park"))
    _check_uscc_free(checked.code)
    unit = Unit(kind=UnitKind.ENTERPRISE, name=data.name.strip(), region=data.region, township=data.township,
                verification_status=status)
    unit.full_clean()
    unit.save()
    units_added(region_ids=[unit.region_id])
    if status == VerificationStatus.PENDING:
        pending_units_changed(unit=unit)
    else:
        verified_enterprises_changed(places=[unit.region_id, unit.township_id])
    profile = {key: value for key, value in data.profile.items() if key in PROFILE_FIELDS and key != "uscc"}
    enterprise = Enterprise(unit=unit, uscc=checked.code, uscc_check_failed=checked.check_failed, **profile)
    enterprise.full_clean(exclude=["unit"])
    enterprise.save()
    unit_event_record(unit=unit, action=action, actor=by,
                      changes={k: ["", v] for k, v in _snapshot(enterprise).items() if v})
    return enterprise


def _snapshot(enterprise: Enterprise) -> dict[str, str]:
    return snapshot([(enterprise.unit, UNIT_FIELDS), (enterprise, PROFILE_FIELDS)])


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, data: EnterpriseData, by: User) -> Enterprise:
    """Save the edited details and record which fields changed, old → new.

    Once an enterprise has credit-grade evaluations its grade comes from them (apps/registry/credit), not
    from this form."""
    if enterprise.credit_evaluations.exists():
        data.profile.pop("credit_grade", None)
    changes = _details_apply(enterprise=enterprise, data=data)
    if changes:
        unit_event_record(unit=enterprise.unit, action=UnitEventAction.UPDATED, actor=by, changes=changes)
    return enterprise


@transaction.atomic
def enterprise_registration_resubmit(*, enterprise: Enterprise, data: EnterpriseData, by: User) -> Enterprise:
    """The rep corrects a returned registration; it goes back to the county with what changed."""
    if enterprise.unit.verification_status != VerificationStatus.REJECTED:
        raise ValidationError(gettext("只有被退回的注册才能修改后重新提交。"))
    data.profile.pop("credit_grade", None)
    changes = _details_apply(enterprise=enterprise, data=data)
    unit_registration_resubmit(unit=enterprise.unit, by=by, changes=changes)
    return enterprise


def _details_apply(*, enterprise: Enterprise, data: EnterpriseData) -> dict[str, list[str]]:
    """Validate and save the details; the changed fields, label: [old, new]."""
    before = _snapshot(enterprise)
    left_park = enterprise.park_id
    try:
        checked = uscc_check(data.uscc)
    except ValidationError as error:
        raise ValidationError({"uscc": error.messages}) from error
    placement_check(region=data.region, township=data.township, park=data.profile.get("park"))
    _check_uscc_free(checked.code, exclude_pk=enterprise.pk)
    unit = enterprise.unit
    renamed = unit.name != data.name.strip()
    moved = (unit.region_id, unit.township_id) != (data.region.pk, data.township.pk if data.township else None)
    unit.name, unit.region, unit.township = data.name.strip(), data.region, data.township
    unit.full_clean()
    unit.save()
    if renamed or moved:
        unit_copies_update(unit)  # its applications and risk events go with it into the new county's lists
        units_changed()  # the workbench parts kept per region name units and list them by their region
    if checked.code != enterprise.uscc:
        enterprise.uscc = checked.code
        enterprise.uscc_check_failed = checked.check_failed
        enterprise.uscc_confirmed_by = None
        enterprise.uscc_confirmed_at = None
    for key, value in data.profile.items():
        if key in PROFILE_FIELDS and key != "uscc":
            setattr(enterprise, key, value)
    enterprise.full_clean(exclude=["unit"])
    enterprise.save()
    if enterprise.park_id != left_park:  # the park it left lists it no more (receivers.py drops the one it names)
        unit_pages_changed(unit_ids=[left_park])
    verified_enterprises_changed(places=[unit.region_id, unit.township_id])  # its size may have changed
    return changes_between(before, _snapshot(enterprise))


def enterprise_uscc_confirm(*, enterprise: Enterprise, by: User) -> Enterprise:
    """County staff confirm a code that fails its check digit is the real one; who and when are kept."""
    if not enterprise.uscc_needs_confirmation:
        raise ValidationError(gettext("该统一社会信用代码无需确认。"))
    enterprise.uscc_confirmed_by = by
    enterprise.uscc_confirmed_at = timezone.now()
    enterprise.save(update_fields=["uscc_confirmed_by", "uscc_confirmed_at"])
    unit_event_record(unit=enterprise.unit, action=UnitEventAction.USCC_CONFIRMED, actor=by,
                      note=f"已核实代码 {enterprise.uscc} 为真实代码（校验码不符）。")
    return enterprise


PROFILE_IMPORT_KEYS = ("park_id", "address", "industry_id", "ownership", "size", "employee_count", "has_union",
                       "has_party_org", "credit_grade", "contact_name", "contact_phone")


@transaction.atomic
def enterprises_bulk_create(*, rows: list[dict[str, Any]], by: User | None, note: str = "") -> list[int]:
    """Insert many already-validated enterprises: Units, then profiles, then history, each with one COPY.

    ``rows`` carry ids (region_id, township_id, park_id, industry_id). Unit
    ids are reserved from their sequence first so profiles and history can
    point at them. The USCC unique constraint still guards against a code
    registered meanwhile: the IntegrityError rolls the whole batch back.
    Returns the new units' ids.
    """

    units_place_check((row["region_id"], row.get("township_id")) for row in rows)
    unit_ids = ids_reserve(Unit, len(rows))
    copy_insert(Unit, [
        {"id": unit_id, "kind": UnitKind.ENTERPRISE, "name": row["name"], "region_id": row["region_id"],
         "township_id": row.get("township_id"), "verification_status": VerificationStatus.VERIFIED}
        for unit_id, row in zip(unit_ids, rows, strict=True)
    ])
    copy_insert(Enterprise, [
        {"unit_id": unit_id, "uscc": row["uscc"], "uscc_check_failed": row.get("uscc_check_failed", False),
         **{key: row[key] for key in PROFILE_IMPORT_KEYS if key in row}}
        for unit_id, row in zip(unit_ids, rows, strict=True)
    ])
    verified_enterprises_changed(places={place for row in rows for place in (row["region_id"], row.get("township_id"))})
    event_ids = ids_reserve(UnitEvent, len(rows))
    actor_id = by.pk if by is not None else None
    copy_insert(UnitEvent, [
        {"id": event_id, "unit_id": unit_id, "action": UnitEventAction.IMPORTED, "actor_id": actor_id, "note": note}
        for event_id, unit_id in zip(event_ids, unit_ids, strict=True)
    ])
    units_added(region_ids={row["region_id"] for row in rows})
    return unit_ids


@transaction.atomic
def enterprise_register(
    *, data: EnterpriseData, username: str, password: str, full_name: str, phone: str = "", email: str = ""
) -> tuple[User, Enterprise]:
    """Self-registration: the account, the enterprise (pending verification) and the rep membership, together."""
    username = username_check(username)
    data.profile.pop("credit_grade", None)
    enterprise = enterprise_create(data=data, by=None, status=VerificationStatus.PENDING,
                                   action=UnitEventAction.REGISTERED)
    user = User(username=username, full_name=full_name, phone=phone, email=email)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    Membership.objects.create(user=user, role=Role.UNIT_REP, unit=enterprise.unit)
    UnitEvent.objects.filter(unit=enterprise.unit, action=UnitEventAction.REGISTERED).update(actor=user)
    return user, enterprise
