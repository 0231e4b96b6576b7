import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.regions.models import Region
from apps.registry.coordinators.models import Coordinator
from apps.registry.units.models import Unit

from .models import CultivationQuota, CultivationTarget, GuidanceVisit


def cultivation_target_create(*, unit: Unit, year: int, coordinator: Coordinator | None, goal: str,
                              by: User) -> CultivationTarget:
    target = CultivationTarget(unit=unit, year=year, coordinator=coordinator, goal=goal.strip(), selected_by=by)
    target.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError:
        raise ValidationError(gettext("“%(unit)s”已是 %(year)s 年的培育对象。")
                              % {"unit": unit.name, "year": year}) from None
    if coordinator is not None:
        coordinator.units.add(unit)
    return target


def cultivation_target_assign(*, target: CultivationTarget, coordinator: Coordinator | None) -> CultivationTarget:
    target.coordinator = coordinator
    target.save(update_fields=["coordinator"])
    if coordinator is not None:
        coordinator.units.add(target.unit)
    return target


def guidance_visit_log(*, target: CultivationTarget, visited_on: datetime.date, topic: str, findings: str,
                       next_step: str, by: User) -> GuidanceVisit:
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": gettext("指导日期不能晚于今天。")})
    visit = GuidanceVisit(target=target, visited_on=visited_on, topic=topic.strip(), findings=findings.strip(),
                          next_step=next_step.strip(), logged_by=by)
    visit.full_clean()
    visit.save()
    return visit


def cultivation_quota_save(*, city: Region, min_enterprises: int, min_areas: int, by: User) -> CultivationQuota:
    quota, _ = CultivationQuota.objects.update_or_create(
        city=city, defaults={"min_enterprises": min_enterprises, "min_areas": min_areas, "updated_by": by})
    return quota
