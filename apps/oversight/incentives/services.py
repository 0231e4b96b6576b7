import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from apps.accounts.models import User
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.audit.services import audit_updated
from apps.registry.enterprises.models import CreditGrade, Enterprise

from .models import GrantEndReason, IncentiveGrant, IncentiveMeasure


def eligibility_problems(*, measure: IncentiveMeasure, recognition: Recognition) -> list[str]:
    problems = []
    if not recognition.is_valid_today:
        problems.append("该单位的称号已失效，不能享受激励措施。")
    if not measure.is_active:
        problems.append("该激励措施已停用。")
    if measure.enterprises_only and recognition.unit.kind != "enterprise":
        problems.append("该措施仅适用于企业。")
    if measure.requires_credit_grade_a:
        grade = Enterprise.objects.filter(unit_id=recognition.unit_id).values_list("credit_grade", flat=True).first()
        if grade != CreditGrade.A:
            problems.append("该措施要求劳动保障诚信等级为A级，该单位未达到。")
    return problems


def incentive_grant_create(
    *, measure: IncentiveMeasure, recognition: Recognition, granted_on: datetime.date, by: User,
    department: str = "", note: str = "",
) -> IncentiveGrant:
    problems = eligibility_problems(measure=measure, recognition=recognition)
    if granted_on < recognition.issued_on:
        problems.append("享受起始日期不能早于命名日期。")
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
        raise ValidationError("该单位已在享受此项措施。") from None
    return grant


def incentive_grants_end_for(*, recognition: Recognition, reason: str, on: datetime.date) -> int:
    """End every running grant that rests on ``recognition``; returns how many ended."""
    with transaction.atomic():
        running = list(IncentiveGrant.objects.select_for_update(of=("self",))
                       .filter(recognition=recognition, ended_on__isnull=True).select_related("unit", "measure"))
        ended = IncentiveGrant.objects.filter(pk__in=[grant.pk for grant in running]).update(
            ended_on=on, end_reason=reason)
        audit_updated(instances=running, values=lambda grant: {"ended_on": on, "end_reason": reason})
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
    return ended
