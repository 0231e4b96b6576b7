from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import staff_over_unit
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.campaigns.rules import rules_for
from apps.core.public_cache import public_pages_changed
from apps.notifications.services import notify
from apps.regions.models import Region

from .models import Notice, NoticeEntry, Objection, ObjectionStatus
from .workdays import notice_end


def notice_publish(*, city: Region, applications: list[Application], starts_on: date, working_days: int,
                   by: User, title: str = "", contact: str = "") -> Notice:
    """Open a public notice for confirmed applications; each moves to "in notice" through the workflow."""
    if not applications:
        raise ValidationError("请至少选择一个市级已确认的申报。")
    if starts_on < timezone.localdate():
        raise ValidationError("公示开始日期不能早于今天，请重新选择。")
    if working_days < 1 or working_days > 30:
        raise ValidationError("公示期应为 1 至 30 个工作日。")
    year = applications[0].campaign_year.year
    # The policy sets the notice's length; a longer notice is allowed, a shorter one is not.
    required = max(rules_for(region=a.unit.region, year=year).notice_working_days for a in applications)
    if working_days < required:
        raise ValidationError(f"本地创建活动政策规定公示期不少于 {required} 个工作日，请重新填写。")
    with transaction.atomic():
        notice = Notice.objects.create(
            city=city, year=year, starts_on=starts_on, working_days=working_days,
            ends_on=notice_end(starts_on, working_days), published_by=by, contact=contact,
            title=title or f"{city.name}{year}年度和谐劳动关系创建拟命名单位公示",
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
        raise ValidationError("该公示不在公示期内，不能提出异议。")
    if entry.application.status != Status.IN_NOTICE:
        raise ValidationError("该单位已不在公示中。")
    objection = Objection(entry=entry, contact=contact.strip(), content=content.strip(), name=name.strip(),
                          ip_address=ip_address)
    objection.full_clean()
    objection.save()
    unit = entry.application.unit
    notify(users=staff_over_unit(unit=unit, role=Role.CITY_ADMIN),
           message=f"公示对象“{unit.name}”收到一条异议（{entry.notice.title}），请在公示期内核实处理。",
           url=reverse("notices:manage_detail", args=[entry.notice_id]))
    return objection


def objection_handle(*, objection: Objection, upheld: bool, resolution: str, by: User) -> Objection:
    """Decide an objection. Upheld sends the application back to the county (through the workflow)."""
    if not resolution.strip():
        raise ValidationError("请填写处理意见。")
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.status != ObjectionStatus.PENDING:
            raise ValidationError("该异议已处理。")
        locked.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
        locked.resolution = resolution.strip()
        locked.handled_by = by
        locked.handled_at = timezone.now()
        locked.save(update_fields=["status", "resolution", "handled_by", "handled_at"])
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
