from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.applications.assessments.kept import application_pages_changed
from apps.applications.assessments.models import Application
from apps.applications.workflow.offices import acts_for_naming_office, application_policy, region_title
from apps.applications.workflow.queues import application_queues_changed, confirmation_changed
from apps.applications.workflow.recipients import naming_office
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.campaigns.rules import rules_for
from apps.core.public_cache import public_pages_changed
from apps.notifications.services import notify
from apps.regions.models import Region

from .models import Notice, NoticeEntry, Objection, ObjectionStatus, ProvinceDecision, ProvinceOutcome
from .workdays import notice_end


def notice_publish(*, city: Region, applications: list[Application], starts_on: date, working_days: int,
                   by: User, title: str = "", contact: str = "") -> Notice:
    """Open a public notice for confirmed applications; each moves to "in notice" through the workflow."""
    if not applications:
        raise ValidationError(gettext("请至少选择一个市级已确认的申报。"))
    if starts_on < timezone.localdate():
        raise ValidationError(gettext("公示开始日期不能早于今天，请重新选择。"))
    if working_days < 1 or working_days > 30:
        raise ValidationError(gettext("公示期应为 1 至 30 个工作日。"))
    year = applications[0].campaign_year.year
    # The policy sets the notice's length; a longer notice is allowed, a shorter one is not.
    required = max(rules_for(region=a.unit.region, year=year).notice_working_days for a in applications)
    if working_days < required:
        raise ValidationError(gettext("本地创建活动政策规定公示期不少于 %(days)s 个工作日，请重新填写。")
                              % {"days": required})
    with transaction.atomic():
        notice = Notice.objects.create(
            city=city, year=year, starts_on=starts_on, working_days=working_days,
            ends_on=notice_end(starts_on, working_days), published_by=by, contact=contact,
            title=title or f"{region_title(city)}{year}年度和谐劳动关系创建拟命名单位公示",
        )
        for application in applications:
            application_transition(application=application, to=Status.IN_NOTICE, by=by,
                                   comment=f"公示：{notice.title}")
            NoticeEntry.objects.create(notice=notice, application=application)
        public_pages_changed()
    return notice


def objection_file(*, entry: NoticeEntry, contact: str, content: str, name: str = "",
                   ip_address: str | None = None) -> Objection:
    today = timezone.localdate()
    if not (entry.notice.starts_on <= today <= entry.notice.ends_on):
        raise ValidationError(gettext("该公示不在公示期内，不能提出异议。"))
    if entry.application.status != Status.IN_NOTICE:
        raise ValidationError(gettext("该单位已不在公示中。"))
    objection = Objection(entry=entry, contact=contact.strip(), content=content.strip(), name=name.strip(),
                          ip_address=ip_address)
    objection.full_clean()
    objection.save()
    application_queues_changed(application=entry.application)  # the naming office's objections to handle
    unit = entry.application.unit
    notify(users=naming_office(entry.application),
           message=f"公示对象“{unit.name}”收到一条异议（{entry.notice.title}），请在公示期内核实处理。",
           url=reverse("notices:manage_detail", args=[entry.notice_id]))
    return objection


def objection_handle(*, objection: Objection, upheld: bool, resolution: str, by: User) -> Objection:
    """Decide an objection. Upheld sends the application back to the county (through the workflow)."""
    if not resolution.strip():
        raise ValidationError(gettext("请填写处理意见。"))
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.status != ObjectionStatus.PENDING:
            raise ValidationError(gettext("该异议已处理。"))
        locked.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
        locked.resolution = resolution.strip()
        locked.handled_by = by
        locked.handled_at = timezone.now()
        locked.save(update_fields=["status", "resolution", "handled_by", "handled_at"])
        application_queues_changed(application=locked.entry.application)
        if upheld:
            application_transition(application=locked.entry.application, to=Status.CITY_RETURNED, by=by,
                                   comment=f"公示异议成立：{locked.resolution}")
    return locked


def notice_name_all(*, notice: Notice, by: User) -> tuple[int, list[str]]:
    """Name every unit of an ended notice that has no open or upheld objection; report the others."""
    named, skipped = 0, []
    for entry in notice.entries.select_related("application__unit"):
        application = entry.application
        if application.status != Status.IN_NOTICE:
            continue
        try:
            with transaction.atomic():
                application_transition(application=application, to=Status.NAMED, by=by, comment="公示期满，予以命名")
        except ValidationError as exc:
            skipped.append(f"{application.unit.name}：{'；'.join(exc.messages)}")
        else:
            named += 1
    return named, skipped


def _province_check(application: Application, by: User) -> None:
    policy = application_policy(application)
    if policy is None or not policy.province_decides:
        raise ValidationError(gettext("%(unit)s：本地不实行省级审定，确认后直接公示。")
                              % {"unit": application.unit.name})
    if not acts_for_naming_office(by, application):
        raise ValidationError(gettext("%(unit)s：您无权办理此项操作。") % {"unit": application.unit.name})


def province_forward(*, applications: list[Application], by: User) -> list[ProvinceDecision]:
    """Forward confirmed applications to the province (报送省级审定); each waits for its recorded decision."""
    if not applications:
        raise ValidationError(gettext("请至少选择一个已确认、待报送省级的申报。"))
    forwarded = []
    with transaction.atomic():
        for application in applications:
            locked = (Application.objects.select_for_update(of=("self",))
                      .select_related("unit__region", "campaign_year").get(pk=application.pk))
            _province_check(locked, by)
            if locked.status != Status.CITY_CONFIRMED:
                raise ValidationError(gettext("%(unit)s：当前状态为“%(status)s”，不能报送省级。")
                                      % {"unit": locked.unit.name, "status": locked.get_status_display()})
            latest = locked.province_decisions.order_by("-forwarded_at", "-pk").first()
            if latest is not None:
                raise ValidationError(
                    gettext("%(unit)s：已报送省级（%(outcome)s），不能重复报送。")
                    % {"unit": locked.unit.name, "outcome": latest.get_outcome_display()})
            forwarded.append(ProvinceDecision.objects.create(application=locked, forwarded_by=by))
            application_pages_changed(application_ids=[locked.pk])
            confirmation_changed(application=locked)
    return forwarded


def province_decision_record(*, decision: ProvinceDecision, passed: bool, document_number: str, decided_on: date,
                             by: User, note: str = "") -> ProvinceDecision:
    """Record what the province decided, with its document number and date.

    Passed opens the public notice for the application; not passed ends it (未通过) through the workflow, with the
    decision as the reason the unit is told.
    """
    if not document_number.strip():
        raise ValidationError({"document_number": gettext("请填写省级决定的文号。")})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": gettext("省级决定日期不能晚于今天。")})
    with transaction.atomic():
        locked = (ProvinceDecision.objects.select_for_update(of=("self",))
                  .select_related("application__unit__region", "application__campaign_year").get(pk=decision.pk))
        _province_check(locked.application, by)
        if locked.outcome != ProvinceOutcome.PENDING:
            raise ValidationError(gettext("已登记省级审定结果（%(outcome)s），不能重复登记。")
                                  % {"outcome": locked.get_outcome_display()})
        if decided_on < timezone.localtime(locked.forwarded_at).date():
            raise ValidationError({"decided_on": gettext("省级决定日期不能早于报送日期。")})
        locked.outcome = ProvinceOutcome.PASSED if passed else ProvinceOutcome.NOT_PASSED
        locked.document_number, locked.decided_on, locked.note = document_number.strip(), decided_on, note.strip()
        locked.recorded_by, locked.recorded_at = by, timezone.now()
        locked.save()
        application_pages_changed(application_ids=[locked.application_id])
        confirmation_changed(application=locked.application)
        if not passed:
            application_transition(application=locked.application, to=Status.NOT_PASSED, by=by,
                                   comment=f"省级审定未通过（{locked.document_number}）" + (
                                       f"：{locked.note}" if locked.note else ""))
    return locked
