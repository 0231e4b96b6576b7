import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.registry.enterprises.models import Enterprise

from .models import CreditEvaluation, RedListEntry
from .selectors import credit_grade_on


def credit_grade_refresh(*, enterprise: Enterprise, today: datetime.date | None = None) -> str:
    """Store the grade in force today on the enterprise, where lists filter and export it."""
    grade = credit_grade_on(enterprise=enterprise, day=today or timezone.localdate())
    if grade != enterprise.credit_grade:
        enterprise.credit_grade = grade
        enterprise.save(update_fields=["credit_grade"])
    return grade


@transaction.atomic
def credit_evaluation_create(
    *, enterprise: Enterprise, grade: str, evaluated_on: datetime.date, evaluated_by: str, by: User,
    valid_until: datetime.date | None = None, note: str = "",
) -> CreditEvaluation:
    if evaluated_on > timezone.localdate():
        raise ValidationError({"evaluated_on": gettext("评价日期不能晚于今天。")})
    if valid_until is not None and valid_until < evaluated_on:
        raise ValidationError({"valid_until": gettext("有效期至不能早于评价日期。")})
    evaluation = CreditEvaluation(enterprise=enterprise, grade=grade, evaluated_on=evaluated_on,
                                  evaluated_by=evaluated_by.strip(), valid_until=valid_until, note=note.strip(),
                                  entered_by=by)
    evaluation.full_clean()
    evaluation.save()
    credit_grade_refresh(enterprise=enterprise)
    return evaluation


def red_list_entry_create(
    *, enterprise: Enterprise, listed_on: datetime.date, listed_by: str, reason: str, by: User,
) -> RedListEntry:
    if listed_on > timezone.localdate():
        raise ValidationError({"listed_on": gettext("列入日期不能晚于今天。")})
    entry = RedListEntry(enterprise=enterprise, listed_on=listed_on, listed_by=listed_by.strip(),
                         reason=reason.strip(), entered_by=by)
    entry.full_clean(validate_constraints=False)
    later = RedListEntry.objects.filter(enterprise=enterprise, ended_on__gt=listed_on).exists()
    if later:
        raise ValidationError({"listed_on": gettext("列入日期早于该企业上一次移出红名单的日期。")})
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise ValidationError(gettext("该企业已在红名单中，须先移出才能再次列入。")) from None
    return entry


def red_list_entry_end(*, entry: RedListEntry, ended_on: datetime.date, end_reason: str, by: User) -> RedListEntry:
    if entry.ended_on is not None:
        raise ValidationError(gettext("该红名单记录已移出。"))
    if ended_on < entry.listed_on:
        raise ValidationError({"ended_on": gettext("移出日期不能早于列入日期。")})
    if not end_reason.strip():
        raise ValidationError({"end_reason": gettext("请填写移出原因。")})
    entry.ended_on = ended_on
    entry.end_reason = end_reason.strip()
    entry.full_clean(validate_constraints=False)
    entry.save(update_fields=["ended_on", "end_reason"])
    return entry


def credit_grades_refresh_lapsed(*, today: datetime.date | None = None) -> int:
    """Nightly: store the grade now in force on enterprises whose evaluation lapsed in the last week (a missed
    night is caught up; running twice changes nothing). Returns how many changed."""
    today = today or timezone.localdate()
    lapsed = Enterprise.objects.filter(
        credit_evaluations__valid_until__lt=today,
        credit_evaluations__valid_until__gte=today - datetime.timedelta(days=7)).distinct()
    changed = 0
    for enterprise in lapsed.iterator(chunk_size=500):
        before = enterprise.credit_grade
        changed += credit_grade_refresh(enterprise=enterprise, today=today) != before
    return changed
