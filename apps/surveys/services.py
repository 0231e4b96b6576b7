"""Every write of the survey app."""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.campaigns.selectors import campaign_year_for_unit
from apps.enterprises.models import Enterprise
from apps.units.models import Unit, VerificationStatus

from .models import Survey, SurveyAnswer, SurveyDevice, SurveyResponse, SurveyStatus, SurveyTemplate


class SurveyError(Exception):
    """A refused action; the message is shown to the person as it is."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class SurveyAlreadyAnswered(SurveyError):
    pass


class SurveyUnavailable(SurveyError):
    pass


def device_token_new() -> str:
    return secrets.token_urlsafe(24)


def device_token_hash(*, survey: Survey, device_token: str) -> str:
    """Keyed with SECRET_KEY: the stored hash cannot be turned back into the cookie, nor matched across surveys."""
    return salted_hmac("surveys.device", f"{survey.pk}:{device_token}", algorithm="sha256").hexdigest()


def response_cap(*, template: SurveyTemplate, employee_count: int | None) -> int:
    if employee_count:
        return min(template.max_responses, template.responses_per_employee * employee_count)
    return template.max_responses


def registered_employee_count(unit: Unit) -> int | None:
    """The employee count in the enterprise's registry profile, when it has one (0 counts as unknown)."""
    count = Enterprise.objects.filter(unit=unit).values_list("employee_count", flat=True).first()
    return count or None


def survey_open(*, unit: Unit, year: int, by: User, employee_count: int | None = None) -> Survey:
    """Open ``unit``'s survey for ``year`` with the active questionnaire; one per unit and year.

    A survey belongs to the campaign year of the unit's city for ``year``
    (unit + year identify it, because a city has one campaign year per
    year), so the city must have set that campaign year up. The answer cap
    follows the registered employee count when the registry has one; only
    units without it may give a count here.
    """
    if unit.verification_status != VerificationStatus.VERIFIED:
        raise SurveyError(_("单位注册信息尚未核验通过，暂不能发起满意度调查。"))
    if campaign_year_for_unit(unit=unit, year=year) is None:
        raise SurveyError(
            _("所在市尚未设置 %(year)s 年度创建活动，暂不能发起满意度调查。请联系市级三方办公室。") % {"year": year}
        )
    employee_count = registered_employee_count(unit) or employee_count
    template = SurveyTemplate.objects.filter(is_active=True).first()
    if template is None:
        raise SurveyError(_("系统尚未载入满意度调查问卷，请联系系统管理员。"))
    if employee_count is not None and employee_count < 1:
        raise SurveyError(_("职工人数应为正整数。"))
    survey = Survey(
        unit=unit, year=year, template=template, token=secrets.token_urlsafe(16), opened_by=by,
        employee_count=employee_count,
        max_responses=response_cap(template=template, employee_count=employee_count),
    )
    try:
        with transaction.atomic():
            survey.save()
    except IntegrityError as exc:
        raise SurveyError(_("%(unit)s %(year)s 年度的满意度调查已经发起过。") % {"unit": unit, "year": year}) from exc
    return survey


def survey_close(*, survey: Survey, by: User) -> Survey:
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyError(_("该调查已经结束。"))
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    return survey


def survey_reopen(*, survey: Survey, by: User) -> Survey:
    if survey.status == SurveyStatus.OPEN:
        raise SurveyError(_("该调查正在收集中。"))
    survey.status = SurveyStatus.OPEN
    survey.closed_at = None
    survey.save(update_fields=["status", "closed_at"])
    return survey


def survey_submit(*, survey: Survey, device_token: str, option_ids: dict[int, int]) -> None:
    """Store one anonymous answer sheet: ``option_ids`` maps every question id to a chosen option id.

    In one transaction: claim the device (unique hash, so a second submit
    from the same device fails even when both race), then bump the counter
    with a conditional UPDATE that holds only while the survey is open and
    below its cap, then write the answers. Any refusal rolls all of it back.
    """
    template = survey.template
    questions = {question.pk for question in template.questions.all()}
    options = {option.pk for option in template.options.all()}
    if set(option_ids) != questions or not set(option_ids.values()) <= options:
        raise SurveyError(_("答卷不完整或包含无效选项，请逐题选择后再提交。"))
    with transaction.atomic():
        try:
            with transaction.atomic():
                SurveyDevice.objects.create(
                    survey=survey, token_hash=device_token_hash(survey=survey, device_token=device_token)
                )
        except IntegrityError as exc:
            raise SurveyAlreadyAnswered(_("这台设备已经提交过本调查，每台设备只能提交一次。感谢您的参与！")) from exc
        counted = Survey.objects.filter(
            pk=survey.pk, status=SurveyStatus.OPEN, response_count__lt=F("max_responses")
        ).update(response_count=F("response_count") + 1)
        if not counted:
            status = Survey.objects.values_list("status", flat=True).get(pk=survey.pk)
            if status != SurveyStatus.OPEN:
                raise SurveyUnavailable(_("该调查已经结束，不再接收答卷。"))
            raise SurveyUnavailable(_("该调查收到的答卷已达上限，不再接收答卷。"))
        response = SurveyResponse.objects.create(survey=survey)
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(survey=survey, response=response, question_id=question_id, option_id=option_id)
            for question_id, option_id in option_ids.items()
        )
