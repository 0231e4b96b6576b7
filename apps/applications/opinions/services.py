"""Every write of the department consultation: the office's list of departments, sending, answering, deciding."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from apps.accounts.models import Membership, Role, User
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_rules
from apps.applications.workflow.offices import acts_for_naming_office, acts_for_region, naming_region, region_title
from apps.applications.workflow.queues import (
    OPINIONS_PART,
    application_queues_changed,
    applications_queues_changed,
)
from apps.applications.workflow.recipients import naming_office
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status, status_label
from apps.audit.services import audit_created
from apps.notifications.services import notify
from apps.regions.models import Region
from apps.regions.services import region_parts_changed

from .models import (
    Consultation,
    ConsultationEntry,
    ConsultationRequest,
    Department,
    DepartmentOpinion,
    OpinionStatus,
    Verdict,
)
from .selectors import waiting_for


def department_save(*, region: Region, name: str, by: User, department: Department | None = None,
                    is_active: bool = True, staff: list[User] | tuple = ()) -> Department:
    """Add or change one of the office's departments; its answering staff must hold the department role there."""
    if not acts_for_region(by, region):
        raise ValidationError(gettext("只有本级三方办公室可以维护征求意见部门。"))
    wrong = [str(u) for u in staff if not Membership.objects.filter(
        user=u, role=Role.DEPARTMENT_STAFF, region=region).exists()]
    if wrong:
        raise ValidationError({"staff": gettext("%(people)s 不是本地区的征求意见部门人员。")
                                        % {"people": pgettext("list separator", "、").join(wrong)}})
    department = department or Department(region=region)
    department.name, department.is_active = name.strip(), is_active
    department.full_clean(validate_constraints=False)
    if Department.objects.filter(region=region, name=department.name).exclude(pk=department.pk).exists():
        raise ValidationError({"name": gettext("本地区已有同名部门。")})
    department.save()
    department.staff.set(staff)
    region_parts_changed(OPINIONS_PART, region_ids=[department.region_id])  # its name on the kept objections
    return department


def consultation_send(*, region: Region, applications: list[Application], departments: list[Department],
                      deadline: date, by: User, title: str = "", note: str = "") -> Consultation:
    """Send the units the office is about to announce to the departments it chose; each department is told."""
    if not applications:
        raise ValidationError(gettext("请至少选择一个已确认、待公示的申报。"))
    if not departments:
        raise ValidationError({"departments": gettext("请至少选择一个征求意见的部门。")})
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": gettext("答复截止日期不能早于今天。")})
    if any(d.region_id != region.pk or not d.is_active for d in departments):
        raise ValidationError({"departments": gettext("只能向本地区登记的、可征求意见的部门发送。")})
    busy = waiting_for([a.pk for a in applications])
    with transaction.atomic():
        locked = list(Application.objects.select_for_update(of=("self",))
                      .select_related("unit__region", "campaign_year").filter(pk__in=[a.pk for a in applications])
                      .order_by("pk"))
        for application in locked:
            if application.status != Status.CITY_CONFIRMED:
                status = status_label(application.status, application_rules(application).naming_level_word)
                raise ValidationError(gettext("%(unit)s：当前状态为“%(status)s”，"
                                              "只有已确认、待公示的申报可以征求部门意见。")
                                      % {"unit": application.unit.name, "status": status})
            if not acts_for_naming_office(by, application) or naming_region(application) != region:
                raise ValidationError(gettext("%(unit)s：不由本机关命名，不能征求意见。")
                                      % {"unit": application.unit.name})
            if application.pk in busy:
                raise ValidationError(gettext("%(unit)s：已在征求部门意见中，请待答复或截止后再发。")
                                      % {"unit": application.unit.name})
        year = locked[0].campaign_year.year
        consultation = Consultation.objects.create(
            region=region, year=year, deadline=deadline, note=note.strip(), sent_by=by,
            title=title.strip() or f"{region_title(region)}{year}年度和谐劳动关系创建拟公示名单征求部门意见")
        entries = ConsultationEntry.objects.bulk_create(
            [ConsultationEntry(consultation=consultation, application=a) for a in locked])
        requests = ConsultationRequest.objects.bulk_create(
            [ConsultationRequest(consultation=consultation, department=d) for d in departments])
        audit_created(instances=[*entries, *requests])
        for request in requests:
            notify(users=request.department.staff.filter(is_active=True),
                   message=f"{region_title(region)}就“{consultation.title}”征求{request.department.name}意见"
                           f"（{len(locked)} 家单位），请于{deadline:%Y年%m月%d日}前答复。",
                   url=reverse("opinions:answer", args=[request.pk]), sms=True)
    return consultation


@dataclass(frozen=True)
class Answer:
    verdict: str
    reasons: str = ""


def answer_check(*, request: ConsultationRequest, entries: list, answers: dict[int, Answer], by: User) -> None:
    """Refuse a department's answer that may not be recorded: ``ValidationError`` with a message, or with one per
    unit (by entry id) that has no verdict or an objection without its reasons. consultation_answer asks this of the
    locked row; the answer page asks it first, before its confirmation step."""
    consultation = request.consultation
    if not request.department.staff.filter(pk=by.pk).exists():
        raise ValidationError(gettext("您不是该部门的答复人员。"))
    if request.answered_at is not None:
        raise ValidationError(gettext("本部门已答复，不能重复答复。"))
    if consultation.deadline < timezone.localdate():
        raise ValidationError(gettext("答复截止日期（%(deadline)s）已过，不能再答复。")
                              % {"deadline": date_format(consultation.deadline)})
    errors = {}
    for entry in entries:
        answer = answers.get(entry.pk)
        if answer is None or answer.verdict not in Verdict.values:
            errors[entry.pk] = gettext("请选择“无异议”或“有异议”。")
        elif answer.verdict == Verdict.OBJECTION and not answer.reasons.strip():
            errors[entry.pk] = gettext("有异议时请填写异议理由。")
    if errors:
        raise ValidationError({str(pk): message for pk, message in errors.items()})


def consultation_answer(*, request: ConsultationRequest, answers: dict[int, Answer], by: User) -> ConsultationRequest:
    """Record a department's opinion on every unit at once, before the deadline; an answer is final.

    The request row is locked so that two staff of one department submitting together record one answer.
    """
    with transaction.atomic():
        locked = (ConsultationRequest.objects.select_for_update(of=("self",))
                  .select_related("consultation", "department").get(pk=request.pk))
        consultation = locked.consultation
        entries = list(consultation.entries.select_related("application__unit"))
        answer_check(request=locked, entries=entries, answers=answers, by=by)
        opinions = [DepartmentOpinion(
            request=locked, entry=entry, verdict=answers[entry.pk].verdict,
            reasons=answers[entry.pk].reasons.strip() if answers[entry.pk].verdict == Verdict.OBJECTION else "",
            status=OpinionStatus.PENDING if answers[entry.pk].verdict == Verdict.OBJECTION else "",
        ) for entry in entries]
        for opinion in opinions:
            opinion.save()
        locked.answered_by, locked.answered_at = by, timezone.now()
        locked.save(update_fields=["answered_by", "answered_at"])
        objections = [o for o in opinions if o.verdict == Verdict.OBJECTION]
        if objections:
            applications_queues_changed(county_ids=[o.entry.application.region_id for o in objections])
        if entries:
            detail = "；".join(f"{o.entry.application.unit.name}：{o.reasons}" for o in objections)
            notify(users=naming_office(entries[0].application),
                   message=f"{locked.department.name}已答复“{consultation.title}”："
                           + (f"对 {len(objections)} 家单位有异议，请核实处理。" if objections else "均无异议。"),
                   url=reverse("opinions:detail", args=[consultation.pk]), detail=detail)
    return locked


def opinion_handle(*, opinion: DepartmentOpinion, upheld: bool, resolution: str, by: User) -> DepartmentOpinion:
    """Decide a department's objection. Upheld sends the confirmed application back to the county through the
    workflow, as an upheld public objection does."""
    if not resolution.strip():
        raise ValidationError(gettext("请填写处理意见。"))
    with transaction.atomic():
        locked = (DepartmentOpinion.objects.select_for_update(of=("self",))
                  .select_related("request__department", "entry__application").get(pk=opinion.pk))
        if locked.status != OpinionStatus.PENDING:
            raise ValidationError(gettext("该部门意见已处理。"))
        locked.status = OpinionStatus.UPHELD if upheld else OpinionStatus.DISMISSED
        locked.resolution, locked.handled_by, locked.handled_at = resolution.strip(), by, timezone.now()
        locked.save(update_fields=["status", "resolution", "handled_by", "handled_at"])
        application = locked.entry.application
        application_queues_changed(application=application)
        if upheld and application.status == Status.CITY_CONFIRMED:
            application_transition(application=application, to=Status.CITY_RETURNED, by=by,
                                   comment=f"{locked.request.department.name}异议成立：{locked.resolution}")
    return locked
