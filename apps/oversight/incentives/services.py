import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.audit.services import audit_updated
from apps.registry.credit.models import grade_meets
from apps.registry.credit.selectors import credit_grade_on, on_red_list
from apps.registry.enterprises.models import Enterprise
from apps.registry.units.models import UnitKind

from .models import TITLE_LEVEL_RANK, GrantEndReason, IncentiveGrant, IncentiveMeasure, TitleLevel, title_level_of
from .selectors import grants_changed


def eligibility_problems(
    *, measure: IncentiveMeasure, recognition: Recognition, on: datetime.date | None = None,
) -> list[str]:
    """Why the unit holding ``recognition`` may not enjoy ``measure`` on ``on`` (today): each unmet condition
    of the measure's own eligibility, in words a person can act on; empty when it qualifies."""
    on = on or timezone.localdate()
    unit = recognition.unit
    problems = []
    if not recognition.is_valid_today:
        problems.append(_("该单位的称号已失效，不能享受激励措施。"))
    if not measure.is_active:
        problems.append(_("该激励措施已停用。"))
    if measure.region_id is not None and measure.region_id not in unit.region.path_ids:
        problems.append(_("该措施属于%(catalogue)s的激励目录，不适用于%(region)s的单位。")
                        % {"catalogue": measure.region.name, "region": unit.region.name})
    if measure.enterprises_only and unit.kind != UnitKind.ENTERPRISE:
        problems.append(_("该措施仅适用于企业。"))
    if measure.min_title_level:
        held = title_level_of(recognition.level)
        if TITLE_LEVEL_RANK.get(held, 0) < TITLE_LEVEL_RANK[measure.min_title_level]:
            required = TitleLevel(measure.min_title_level).label
            problems.append(_("该措施只适用于获得%(level)s及以上称号（达到%(level)s标准）的单位，该单位的称号为“%(title)s”。")
                            % {"level": required, "title": recognition.full_title})
    enterprise = Enterprise.objects.filter(unit_id=unit.pk).first()
    if measure.min_credit_grade:
        grade = credit_grade_on(enterprise=enterprise, day=on) if enterprise else ""
        if not grade_meets(grade, measure.min_credit_grade):
            values = {"required": measure.min_credit_grade, "day": f"{on:%Y-%m-%d}", "grade": grade}
            if grade:
                problems.append(_("该措施要求劳动保障诚信等级达到%(required)s级，该单位%(day)s的诚信等级为%(grade)s级。")
                                % values)
            else:
                problems.append(_("该措施要求劳动保障诚信等级达到%(required)s级，该单位%(day)s的诚信等级未评定或已过有效期。")
                                % values)
    if measure.requires_red_list and not (enterprise and on_red_list(enterprise=enterprise, day=on)):
        problems.append(_("该措施要求列入守法诚信红名单，该单位%(day)s不在红名单中。") % {"day": f"{on:%Y-%m-%d}"})
    return problems


MEASURE_FIELDS = ("name", "description", "department", "basis", "enterprises_only", "min_title_level",
                  "min_credit_grade", "requires_red_list", "is_active", "sort_order")


def incentive_measure_save(*, measure: IncentiveMeasure, data: dict, by: User) -> IncentiveMeasure:
    """Create or change a measure of a locality's catalogue (the audit trail records who changed what)."""
    for field in MEASURE_FIELDS + ("code",):
        if field in data:
            value = data[field]
            setattr(measure, field, value.strip() if isinstance(value, str) else value)
    measure.full_clean(validate_constraints=False)
    clash = IncentiveMeasure.objects.filter(region_id=measure.region_id, code=measure.code).exclude(pk=measure.pk)
    if clash.exists():
        raise ValidationError({"code": _("本地区目录中已有该代码的措施。")})
    measure.save()
    return measure


def incentive_grant_create(
    *, measure: IncentiveMeasure, recognition: Recognition, granted_on: datetime.date, by: User,
    department: str = "", note: str = "",
) -> IncentiveGrant:
    problems = eligibility_problems(measure=measure, recognition=recognition, on=granted_on)
    if granted_on < recognition.issued_on:
        problems.append(_("享受起始日期不能早于命名日期。"))
    if problems:
        raise ValidationError(problems)
    grant = IncentiveGrant(measure=measure, recognition=recognition, unit_id=recognition.unit_id,
                           department=department.strip() or measure.department, granted_on=granted_on,
                           note=note.strip(), granted_by=by)
    grant.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            grant.save()
    except IntegrityError:
        raise ValidationError(_("该单位已在享受此项措施。")) from None
    grants_changed()
    return grant


def incentive_grants_end_for(*, recognition: Recognition, reason: str, on: datetime.date) -> int:
    """End every running grant that rests on ``recognition``; returns how many ended."""
    with transaction.atomic():
        running = list(IncentiveGrant.objects.select_for_update(of=("self",))
                       .filter(recognition=recognition, ended_on__isnull=True).select_related("unit", "measure"))
        ended = IncentiveGrant.objects.filter(pk__in=[grant.pk for grant in running]).update(
            ended_on=on, end_reason=reason)
        audit_updated(instances=running, values=lambda grant: {"ended_on": on, "end_reason": reason})
        if ended:
            grants_changed()
    return ended


def incentive_grants_end_expired(*, today: datetime.date | None = None) -> int:
    """Nightly: end grants whose title has expired, in one UPDATE; they end on the title's last valid day."""
    today = today or timezone.localdate()
    # Valid titles past their end date, and those the nightly job has already marked expired.
    expired = Recognition.objects.filter(status__in=(RecognitionStatus.VALID, RecognitionStatus.EXPIRED),
                                         valid_until__lt=today)
    last_day = Recognition.objects.filter(pk=OuterRef("recognition_id")).values("valid_until")[:1]
    running = IncentiveGrant.objects.filter(ended_on__isnull=True, recognition__in=expired)
    with transaction.atomic():
        # The rows are read (and locked) once more for the audit trail, which an UPDATE alone would bypass.
        ending = list(running.select_for_update(of=("self",)).select_related("unit", "measure", "recognition"))
        ended = IncentiveGrant.objects.filter(pk__in=[grant.pk for grant in ending]).update(
            ended_on=Subquery(last_day), end_reason=GrantEndReason.EXPIRED)
        audit_updated(instances=ending, values=lambda grant: {"ended_on": grant.recognition.valid_until,
                                                              "end_reason": GrantEndReason.EXPIRED})
        if ended:
            grants_changed()
    return ended
