from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext, pgettext

from apps.accounts.models import Role, User
from apps.accounts.permissions import has_role
from apps.core.public_cache import generations_changed
from apps.registry.enterprises.uscc import uscc_normalise
from apps.registry.units.models import Unit

from .models import Coordinator

# Moved by every change to the ledger: the workbench's count of named enterprises short of certified coordinators
# (apps/home/sections/duties.py), kept per region, is dropped.
COORDINATORS_KEY = "registry:coordinators:generation"

FIELDS = ("full_name", "phone", "region", "employer", "certificate_level", "certificate_number", "valid_from",
          "valid_until", "user")
NULLABLE = ("region", "valid_from", "valid_until", "user")


def units_from_lines(*, text: str, allowed: QuerySet[Unit]) -> list[Unit]:
    """Units named one per line: an enterprise by its credit code, any unit by its exact name."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    units: list[Unit] = []
    missing: list[str] = []
    for line in lines:
        match = list(allowed.filter(Q(enterprise__uscc=uscc_normalise(line)) | Q(name=line))[:2])
        if len(match) != 1:
            missing.append(line)
        else:
            units.append(match[0])
    if missing:
        raise ValidationError({"units_text": gettext("未在您管辖范围内找到唯一对应的单位：%(names)s")
                                             % {"names": pgettext("list separator", "、").join(missing[:20])}})
    return units


def _account_check(coordinator: Coordinator) -> None:
    """One ledger entry per account, and only an account with the coordinator role."""
    if not has_role(coordinator.user, Role.COORDINATOR):
        raise ValidationError({"user": gettext("该账号不是劳动关系协调员角色，不能关联。")})
    other = Coordinator.objects.filter(user=coordinator.user).exclude(pk=coordinator.pk).first()
    if other is not None:
        raise ValidationError({"user": gettext("该账号已关联台账中的协调员“%(name)s”。") % {"name": other.full_name}})


@transaction.atomic
def coordinator_save(
    *, coordinator: Coordinator | None, data: dict[str, Any], units: list[Unit], by: User
) -> Coordinator:
    coordinator = coordinator or Coordinator()
    for key in FIELDS:
        setattr(coordinator, key, data.get(key) if data.get(key) is not None else (None if key in NULLABLE else ""))
    if coordinator.valid_from and coordinator.valid_until and coordinator.valid_until < coordinator.valid_from:
        raise ValidationError({"valid_until": gettext("有效期至不能早于有效期起。")})
    if coordinator.certificate_number and not coordinator.certificate_level:
        raise ValidationError({"certificate_level": gettext("填写了证书编号时请选择证书等级。")})
    if coordinator.user is not None:
        _account_check(coordinator)
    coordinator.full_clean(exclude=["units"])
    coordinator.save()
    coordinator.units.set(units)
    generations_changed([COORDINATORS_KEY])
    return coordinator
