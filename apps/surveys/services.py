"""Every write of the survey app."""

import ipaddress
import secrets

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.campaigns.selectors import campaign_year_for_unit
from apps.registry.enterprises.models import Enterprise
from apps.registry.units.home import unit_home_changed
from apps.registry.units.models import Unit, VerificationStatus

from .in_force import standard_in_force_for
from .models import (
    Survey,
    SurveyAnswer,
    SurveyArrivalHour,
    SurveyArrivalNetwork,
    SurveyCode,
    SurveyCodeStatus,
    SurveyDevice,
    SurveyMode,
    SurveyResponse,
    SurveyStatus,
    SurveyTemplate,
)

# Answer codes: 10 characters without look-alikes (0/O, 1/I/L), about 49 bits, printed as XXXXX-XXXXX.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


class SurveyError(Exception):
    """A refused action; the message is shown to the person as it is."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class SurveyAlreadyAnswered(SurveyError):
    pass


class SurveyUnavailable(SurveyError):
    pass


class SurveyCodeRefused(SurveyError):
    """The answer code is wrong, used or void; the message belongs at the code field."""


def device_token_new() -> str:
    return secrets.token_urlsafe(24)


def device_token_hash(*, survey: Survey, device_token: str) -> str:
    """Keyed with SECRET_KEY: the stored hash cannot be turned back into the cookie, nor matched across surveys."""
    return salted_hmac("surveys.device", f"{survey.pk}:{device_token}", algorithm="sha256").hexdigest()


def code_normalise(code: str) -> str:
    """What a person typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in (code or "").upper() if ch not in " -\t")


def code_display(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def code_hash(*, survey: Survey, code: str) -> str:
    """Keyed with SECRET_KEY and the survey: the stored hash gives back neither the code nor other surveys' codes."""
    return salted_hmac("surveys.code", f"{survey.pk}:{code_normalise(code)}", algorithm="sha256").hexdigest()


def network_hash(*, survey: Survey, address: str | None) -> str:
    """A keyed hash of the address's network (IPv4 /24, IPv6 /48); the address itself is never stored."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        prefix = "unknown"
    else:
        prefix = str(ipaddress.ip_network(f"{ip}/{24 if ip.version == 4 else 48}", strict=False))
    return salted_hmac("surveys.network", f"{survey.pk}:{prefix}", algorithm="sha256").hexdigest()[:16]


def response_cap(*, template: SurveyTemplate, employee_count: int | None, mode: str = SurveyMode.LINK) -> int:
    if mode == SurveyMode.CODES:
        return min(template.max_responses, employee_count or 0)
    if employee_count:
        return min(template.max_responses, template.responses_per_employee * employee_count)
    return template.max_responses


def registered_employee_count(unit: Unit) -> int | None:
    """The employee count in the enterprise's registry profile, when it has one (0 counts as unknown)."""
    count = Enterprise.objects.filter(unit=unit).values_list("employee_count", flat=True).first()
    return count or None


def survey_open(
    *, unit: Unit, year: int, by: User, employee_count: int | None = None, mode: str = SurveyMode.LINK
) -> Survey:
    """Open ``unit``'s survey for ``year`` with the questionnaire its locality chose (else the active one); one per
    unit and year.

    A survey belongs to the campaign year of the unit's city for ``year``
    (unit + year identify it, because a city has one campaign year per
    year), so the city must have set that campaign year up. The answer cap
    follows the registered employee count when the registry has one; only
    units without it may give a count here. With answer codes (the mode a
    survey needs to feed a score) the count is required: it is the number of
    codes, and so the most answers the survey takes.
    """
    if unit.verification_status != VerificationStatus.VERIFIED:
        raise SurveyError(_("单位注册信息尚未核验通过，暂不能发起满意度调查。"))
    if campaign_year_for_unit(unit=unit, year=year) is None:
        raise SurveyError(
            _("所在市尚未设置 %(year)s 年度创建活动，暂不能发起满意度调查。请联系市级三方办公室。") % {"year": year}
        )
    employee_count = registered_employee_count(unit) or employee_count
    in_force = standard_in_force_for(unit=unit, year=year)
    if in_force is not None and in_force.questionnaire is not None:
        template = in_force.questionnaire
    else:
        template = SurveyTemplate.objects.filter(is_active=True).first()
    if template is None:
        raise SurveyError(_("系统尚未载入满意度调查问卷，请联系系统管理员。"))
    if employee_count is not None and employee_count < 1:
        raise SurveyError(_("职工人数应为正整数。"))
    if mode not in SurveyMode.values:
        raise SurveyError(_("请选择答卷方式。"))
    if mode == SurveyMode.CODES and not employee_count:
        raise SurveyError(_("使用答题码时请填写职工人数：系统按职工人数生成答题码。"))
    survey = Survey(
        unit=unit, year=year, template=template, token=secrets.token_urlsafe(16), opened_by=by,
        employee_count=employee_count, mode=mode,
        max_responses=response_cap(template=template, employee_count=employee_count, mode=mode),
    )
    try:
        with transaction.atomic():
            survey.save()
            unit_home_changed(unit_ids=[unit.pk])  # the representative's workbench shows the survey and its answers
    except IntegrityError as exc:
        raise SurveyError(_("%(unit)s %(year)s 年度的满意度调查已经发起过。") % {"unit": unit, "year": year}) from exc
    return survey


def survey_close(*, survey: Survey, by: User) -> Survey:
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyError(_("该调查已经结束。"))
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    unit_home_changed(unit_ids=[survey.unit_id])
    return survey


def survey_reopen(*, survey: Survey, by: User) -> Survey:
    if survey.status == SurveyStatus.OPEN:
        raise SurveyError(_("该调查正在收集中。"))
    survey.status = SurveyStatus.OPEN
    survey.closed_at = None
    survey.save(update_fields=["status", "closed_at"])
    unit_home_changed(unit_ids=[survey.unit_id])
    return survey


def survey_codes_issue(*, survey: Survey, by: User) -> list[str]:
    """Void the survey's unused codes and make new ones up to its cap; returns the new codes, shown only once.

    Codes already used stay used, so used + new never exceeds the cap (the
    employee count): a lost or reprinted sheet cannot add answers. The
    survey row is locked so that two issues at once cannot both count.
    Only keyed hashes are stored; the printed sheet is the only copy.
    """
    if not survey.uses_codes:
        raise SurveyError(_("该调查使用链接答卷，不需要答题码。"))
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status != SurveyStatus.OPEN:
            raise SurveyError(_("该调查已经结束，不能再生成答题码。"))
        SurveyCode.objects.filter(survey=locked, status=SurveyCodeStatus.UNUSED).update(status=SurveyCodeStatus.VOID)
        used = SurveyCode.objects.filter(survey=locked, status=SurveyCodeStatus.USED).count()
        wanted = locked.max_responses - used
        if wanted <= 0:
            raise SurveyError(_("已使用的答题码已达答卷上限，不能再生成答题码。"))
        codes: set[str] = set()
        while len(codes) < wanted:
            codes.add("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
        SurveyCode.objects.bulk_create(
            SurveyCode(survey=locked, code_hash=code_hash(survey=locked, code=code)) for code in codes
        )
    return sorted(codes)


def _claim_code(*, survey: Survey, code: str) -> None:
    """Mark the code used (conditional UPDATE: two submits of one code cannot both pass); no link to the answer."""
    digest = code_hash(survey=survey, code=code)
    claimed = SurveyCode.objects.filter(survey=survey, code_hash=digest, status=SurveyCodeStatus.UNUSED).update(
        status=SurveyCodeStatus.USED
    )
    if claimed:
        return
    status = SurveyCode.objects.filter(survey=survey, code_hash=digest).values_list("status", flat=True).first()
    if status == SurveyCodeStatus.USED:
        raise SurveyCodeRefused(_("这个答题码已经使用过，每个答题码只能提交一次。"))
    if status == SurveyCodeStatus.VOID:
        raise SurveyCodeRefused(_("这个答题码已作废，请向单位索取新的答题码。"))
    raise SurveyCodeRefused(_("答题码不正确，请核对答题纸上的 10 位答题码。"))


def _claim_device(*, survey: Survey, device_token: str | None) -> None:
    if not device_token:
        raise SurveyError(_("请允许浏览器保存 Cookie（用于防止重复提交，不含个人信息），然后再次点击“提交”。"))
    try:
        with transaction.atomic():
            SurveyDevice.objects.create(
                survey=survey, token_hash=device_token_hash(survey=survey, device_token=device_token)
            )
    except IntegrityError as exc:
        raise SurveyAlreadyAnswered(_("这台设备已经提交过本调查，每台设备只能提交一次。感谢您的参与！")) from exc


def _count_arrival(*, survey: Survey, address: str | None) -> None:
    """Add one to this hour's and this network's counters (one upsert each, safe under concurrent answers)."""
    hour = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    buckets = [
        (SurveyArrivalHour._meta.db_table, "hour", hour),
        (SurveyArrivalNetwork._meta.db_table, "network_hash", network_hash(survey=survey, address=address)),
    ]
    with connection.cursor() as cursor:
        for table, key, value in buckets:
            cursor.execute(
                f"INSERT INTO {table} (survey_id, {key}, count) VALUES (%s, %s, 1) "  # noqa: S608 - names from _meta
                f"ON CONFLICT (survey_id, {key}) DO UPDATE SET count = {table}.count + 1",
                [survey.pk, value],
            )


def survey_submit(
    *, survey: Survey, option_ids: dict[int, int], device_token: str | None = None, code: str | None = None,
    address: str | None = None,
) -> None:
    """Store one anonymous answer sheet: ``option_ids`` maps every question id to a chosen option id.

    In one transaction: claim the answer code (answer-code surveys) or the
    device (link surveys; unique hash, so a second submit from the same
    device fails even when both race), then bump the counter with a
    conditional UPDATE that holds only while the survey is open and below
    its cap, then write the answers and count the arrival by hour and by
    network. Any refusal rolls all of it back. The response row references
    neither the code nor the device nor the arrival counters.
    """
    template = survey.template
    questions = {question.pk for question in template.questions.all()}
    options = {option.pk for option in template.options.all()}
    if set(option_ids) != questions or not set(option_ids.values()) <= options:
        raise SurveyError(_("答卷不完整或包含无效选项，请逐题选择后再提交。"))
    with transaction.atomic():
        if survey.uses_codes:
            _claim_code(survey=survey, code=code or "")
        else:
            _claim_device(survey=survey, device_token=device_token)
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
        _count_arrival(survey=survey, address=address)
        unit_home_changed(unit_ids=[survey.unit_id])  # one answer more on the representative's workbench
