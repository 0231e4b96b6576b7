import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.applications.workflow.guards import editing_window_check
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import EDITABLE_STATUSES, RENEWAL_PENDING_STATUSES, Status
from apps.audit.services import audit_updated
from apps.campaigns.rules import rules_for
from apps.campaigns.selectors import campaign_year_for_unit
from apps.campaigns.services import campaign_window_check
from apps.regions.services import region_parts_changed
from apps.registry.units.home import unit_home_changed
from apps.registry.units.models import Unit, VerificationStatus
from apps.standards.models import Criterion
from apps.standards.scoring import answer_error, fmt_score
from apps.standards.selectors import standard_spec
from apps.surveys.in_force import NoStandardInForce, standard_in_force_required

from .evidence_files import evidence_file_check, safe_name
from .kept import application_pages_changed
from .models import Answer, Application, ApplicationKind, Evidence, EvidenceKind
from .permissions import is_rep_of
from .satisfaction import survey_summary_for
from .selectors import LIST_PART, application_standard


class ApplicationError(ValidationError):
    pass


def application_open(*, unit: Unit, by: User, today: date) -> Application:
    """This year's application of ``unit``: the existing one, or a new draft on the standard its locality chose.

    A locality that has chosen no standard for the year is refused with a message: the application is never
    opened on the demonstration standard or another locality's.
    """
    campaign_year = _campaign_year_open_to(unit=unit, today=today)
    # One application per unit and year, even if its district set its own calendar after it was opened under
    # the city's.
    existing = Application.objects.filter(unit=unit, campaign_year__year=campaign_year.year).first()
    if existing is not None:
        return existing
    return application_create(unit=unit, campaign_year=campaign_year, today=today)


def _campaign_year_open_to(*, unit: Unit, today: date):
    if unit.verification_status != VerificationStatus.VERIFIED:
        raise ApplicationError(
            gettext("“%(unit)s”的注册信息尚未通过核验（当前：%(status)s），暂不能填报创建申报。请联系所在县(市、区)三方办公室。")
            % {"unit": unit.name, "status": unit.get_verification_status_display()}
        )
    campaign_year = campaign_year_for_unit(unit=unit, year=today.year)
    if campaign_year is None:
        raise ApplicationError(gettext("所在市尚未设置 %(year)s 年度创建活动，暂不能填报。请联系市级三方办公室。")
                               % {"year": today.year})
    return campaign_year


def application_create(*, unit: Unit, campaign_year, today: date, **fields) -> Application:
    """A new draft of ``unit`` in ``campaign_year`` on the standard in force, in the self-evaluation window.

    ``fields``: what distinguishes a renewal (kind, renews) or a filing on behalf (on_behalf, filed_by, reason).
    Two requests at once: the second gets the first's application, whatever it is, for its caller to check.
    """
    campaign_window_check(campaign_year=campaign_year, phase="self_evaluation", today=today)
    try:
        standard = standard_in_force_required(unit=unit, year=campaign_year.year).standard
    except NoStandardInForce as exc:
        raise ApplicationError(exc.messages[0]) from exc
    try:
        with transaction.atomic():
            application = Application.objects.create(unit=unit, campaign_year=campaign_year, standard=standard,
                                                     **fields)
            unit_home_changed(unit_ids=[unit.pk])  # this year's application: opened
            applications_listed_changed(application=application)
            return application
    except IntegrityError:
        # Two clicks at once: the other request created it.
        return Application.objects.get(unit=unit, campaign_year=campaign_year)


def applications_listed_changed(*, application: Application) -> None:
    """Drop the kept pages of the application lists of its county and township and of every region above them."""
    region_parts_changed(LIST_PART, region_ids=[application.region_id, application.township_id])


def application_open_on_behalf(*, unit: Unit, by: User, reason: str, today: date) -> Application:
    """Open this year's application of ``unit`` for staff to fill and submit on its behalf (帮办代办).

    The caller has checked that ``by`` is township or county staff over the unit. The reason is kept with the
    application; the audit trail records the creation with its filer. An application the unit already opened
    itself stays the unit's: staff are told so rather than taking it over.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(gettext("请填写代办原因。"))
    campaign_year = _campaign_year_open_to(unit=unit, today=today)
    existing = Application.objects.filter(unit=unit, campaign_year__year=campaign_year.year).first()
    if existing is not None:
        if existing.on_behalf:
            return existing
        raise ApplicationError(gettext("“%(unit)s”已自行开始本年度申报（%(status)s），不能再代办；可联系单位自行提交。")
                               % {"unit": unit.name, "status": existing.get_status_display()})
    return application_create(unit=unit, campaign_year=campaign_year, today=today, on_behalf=True, filed_by=by,
                              on_behalf_reason=reason[:200])


def application_open_renewal(*, recognition, by: User, today: date) -> Application:
    """Start the renewal (复审) of a title before it ends: an application of kind renewal, linked to the title,
    that goes through the same steps as a first application; naming it extends the title.

    Refused for a title that is not valid today, has no end date, ends further away than its locality's renewal
    window (``Rules.renewal_opens_days``, CampaignPolicy; 180 days by default), or is already being renewed.
    """
    if not recognition.is_valid_today:
        raise ApplicationError(gettext("称号“%(title)s”当前状态为%(status)s，不能申请复审。")
                               % {"title": recognition.full_title, "status": recognition.get_current_status_display()})
    if recognition.valid_until is None:
        raise ApplicationError(gettext("该称号不设固定有效期，无须复审。"))
    days_left = (recognition.valid_until - today).days
    opens_days = rules_for(region=recognition.unit.region, year=today.year).renewal_opens_days
    if days_left > opens_days:
        raise ApplicationError(gettext("称号有效期至%(until)s，到期前 %(days)s 天内方可申请复审。")
                               % {"until": date_format(recognition.valid_until), "days": opens_days})
    pending = recognition.renewals.filter(status__in=RENEWAL_PENDING_STATUSES).first()
    if pending is not None:
        return pending
    unit = recognition.unit
    campaign_year = _campaign_year_open_to(unit=unit, today=today)
    existing = Application.objects.filter(unit=unit, campaign_year__year=campaign_year.year).first()
    if existing is not None:
        raise ApplicationError(gettext("本单位%(year)s年度已有一份申报（%(status)s），同一年度不能再开始复审；"
                                       "请联系所在县(市、区)三方办公室。")
                               % {"year": campaign_year.year, "status": existing.get_status_display()})
    application = application_create(unit=unit, campaign_year=campaign_year, today=today,
                                      kind=ApplicationKind.RENEWAL, renews=recognition)
    if application.renews_id != recognition.pk:
        raise ApplicationError(gettext("本单位本年度已有一份申报，同一年度不能再开始复审。"))
    return application


def _ensure_editable(application: Application) -> None:
    if application.status not in EDITABLE_STATUSES:
        raise ApplicationError(gettext("申报当前状态为“%(status)s”，不能修改。")
                               % {"status": application.get_status_display()})
    editing_window_check(application=application)


def answer_save(*, application: Application, criterion: Criterion, value: str, narrative: str, by: User) -> Answer:
    """Save one item's answer. An invalid value is refused; the narrative alone may be saved with no value."""
    return answer_save_scored(application=application, criterion=criterion, value=value, narrative=narrative,
                              by=by)[0]


def answer_save_scored(*, application: Application, criterion: Criterion, value: str, narrative: str,
                       by: User) -> tuple[Answer, dict[str, Answer]]:
    """``answer_save``, also giving every answer of the application after the save, keyed by item code (for the
    refreshed total, without reading them again).

    The self-evaluation page calls this on every change, so it costs a fixed handful of queries: the standard
    comes from the process cache, the application's answers are read once (locked: two saves of one
    application queue, a representative's two tabs) and the item's answer written, and the audit entry of an
    update is written from that read (``audit_updated``) instead of django-auditlog reading the row again.
    ``savepoint=False``: inside a request's transaction the save adds no savepoint of its own.
    """
    _ensure_editable(application)
    if criterion.standard_id != application.standard_id or not criterion.is_leaf:
        raise ApplicationError(gettext("该条目不属于本申报所用的标准。"))
    value = (value or "").strip()
    narrative = (narrative or "").strip()
    if len(narrative) > 2000:
        raise ApplicationError(gettext("情况说明最多 2000 字，当前 %(n)s 字。") % {"n": len(narrative)})
    if value:
        spec = next(c for c in standard_spec(application_standard(application)).criteria if c.code == criterion.code)
        problem = answer_error(spec, value)
        if problem:
            raise ApplicationError(gettext("条目 %(code)s：%(problem)s") % {"code": criterion.code, "problem": problem})
    now = timezone.now()
    with transaction.atomic(savepoint=False):
        held = {a.criterion_id: a for a in Answer.objects.select_for_update().filter(application=application)}
        answer = held.get(criterion.pk)
        created = answer is None
        if created:
            answer = Answer(application=application, criterion=criterion, value=value, narrative=narrative)
            try:
                with transaction.atomic():
                    answer.save()  # django-auditlog records the creation
            except IntegrityError:  # another request wrote the item's first answer meanwhile: update that one
                answer = Answer.objects.select_for_update().get(application=application, criterion=criterion)
                created = False
        if not created:
            # The entry names the answer ("V1：是") and finds its region from what is in hand, with no read.
            answer.application, answer.criterion = application, criterion
            Answer.objects.filter(pk=answer.pk).update(value=value, narrative=narrative, updated_at=now)
            audit_updated(instances=[answer], values=lambda _: {"value": value, "narrative": narrative})
            answer.value, answer.narrative, answer.updated_at = value, narrative, now
        Application.objects.filter(pk=application.pk).update(updated_at=now)
        application_pages_changed(application_ids=[application.pk])  # the unit's answers beside the levels' scores
    held[criterion.pk] = answer
    codes = {item.pk: item.code for item in application_standard(application).criteria.all()}
    return answer, {codes[criterion_id]: held_answer for criterion_id, held_answer in held.items()}


def answer_from_survey(*, application: Application, criterion: Criterion, by: User) -> Answer:
    """Score a satisfaction item with the survey's suggested score.

    The narrative keeps what the representative wrote; when it is empty it
    becomes the sentence explaining the score, so reviewers see its source.
    """
    _ensure_editable(application)
    if not criterion.satisfaction_source:
        raise ApplicationError(gettext("条目 %(code)s 不由职工满意度调查计分。") % {"code": criterion.code})
    summary = survey_summary_for(application=application, criteria=[criterion])
    if summary.survey is None:
        raise ApplicationError(gettext("本单位 %(year)s 年度尚未发起职工满意度调查，不能按调查结果计分。")
                               % {"year": summary.year})
    if not summary.feeds_score:
        raise ApplicationError(gettext(
            "本单位的职工满意度调查使用“仅链接”方式答卷，一人可多次填写，不能计入自评得分；"
            "请按评分说明自行填写，或使用答题码方式的调查。"
        ))
    if not summary.visible:
        raise ApplicationError(
            gettext("职工满意度调查已收到 %(count)s 份答卷，还需 %(needed)s 份才有汇总结果，暂不能按调查结果计分。")
            % {"count": summary.survey.response_count, "needed": summary.needed}
        )
    suggestion = summary.suggestions.get(criterion.pk)
    if suggestion is None:
        raise ApplicationError(gettext("调查问卷没有可用的满意率折算分值，请按评分说明自行填写。"))
    existing = Answer.objects.filter(application=application, criterion=criterion).first()
    narrative = existing.narrative if existing is not None and existing.narrative else suggestion.explanation
    return answer_save(application=application, criterion=criterion, value=fmt_score(suggestion.value),
                       narrative=narrative, by=by)


def evidence_add(*, application: Application, upload: UploadedFile, kind: str, by: User,
                 criterion: Criterion | None = None) -> Evidence:
    _ensure_editable(application)
    if kind not in EvidenceKind.values:
        raise ApplicationError(gettext("请选择材料类型。"))
    if criterion is not None and criterion.standard_id != application.standard_id:
        raise ApplicationError(gettext("该条目不属于本申报所用的标准。"))
    try:
        content_type = evidence_file_check(upload)
    except ValidationError as exc:
        raise ApplicationError(exc.messages) from exc
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence(
        application=application, criterion=criterion, kind=kind, original_name=safe_name(upload.name),
        content_type=content_type, size=upload.size, sha256=digest.hexdigest(), uploaded_by=by,
    )
    evidence.file.save(evidence.original_name, upload, save=False)
    evidence.save()
    application_pages_changed(application_ids=[application.pk])
    return evidence


def evidence_withdraw(*, evidence: Evidence, by: User) -> None:
    _ensure_editable(evidence.application)
    evidence.withdrawn_at = timezone.now()
    evidence.save(update_fields=["withdrawn_at"])
    application_pages_changed(application_ids=[evidence.application_id])


def application_submit(*, application: Application, by: User) -> Application:
    """Submit; a submission by staff filing on the unit's behalf says so in the application's history."""
    comment = ""
    if application.on_behalf and not is_rep_of(by, application):
        comment = f"帮办代办：由{by.get_full_name() or by.username}代为提交。"
    return application_transition(application=application, to=Status.SUBMITTED, by=by, comment=comment)
