"""Named units' yearly reports (年度工作报告): filing, county review, reminders for missing ones."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import Role, User
from apps.accounts.permissions import in_jurisdiction, unit_ids_for
from apps.applications.assessments.evidence_files import evidence_file_check, safe_name
from apps.applications.assessments.selectors import staff_over_unit
from apps.applications.recognitions.models import Recognition
from apps.notifications.services import notify
from apps.regions.services import region_parts_changed

from .models import FILED_STATUSES, YearlyReport, YearlyReportReminder, YearlyReportStatus
from .selectors import missing_part, recognitions_expecting_report, report_due_date

# The county workbench's list of yearly reports waiting for review (apps/home/sections/reviews.py), kept per region:
# filing a report and reviewing one drop it for the unit's county, township and the regions above.
TO_REVIEW_PART = "named-units:to-review"

TEXT_FIELDS = ("practices", "conditions", "problems", "plans")
REQUIRED_ON_SUBMIT = ("practices", "conditions", "plans")
EDITABLE = (YearlyReportStatus.DRAFT, YearlyReportStatus.RETURNED)


class ReportErrors(ValidationError):
    """Problems with a report; ``message_dict`` maps field name → message (``__all__`` for the whole form)."""


def _unit_reps(recognition: Recognition):
    return User.objects.filter(memberships__role=Role.UNIT_REP, memberships__unit_id=recognition.unit_id,
                               is_active=True)


def yearly_report_save(*, recognition: Recognition, by: User, texts: Mapping[str, str], submit: bool,
                       attachment: UploadedFile | None = None, today: date | None = None) -> YearlyReport:
    """Save (and with ``submit`` file) this year's report of a title in force.

    Everything is checked before anything is written, so a refused report
    loses nothing: the view shows the same texts back with the messages.
    """
    today = today or timezone.localdate()
    if recognition.unit_id not in unit_ids_for(by):
        raise ReportErrors({"__all__": [gettext("只能填报本单位的年度工作报告。")]})
    if not recognition.is_valid_today or recognition.issued_on > today:
        raise ReportErrors({"__all__": [gettext("称号“%(title)s”当前状态为“%(status)s”，不需填报年度工作报告。")
                                        % {"title": recognition.full_title,
                                           "status": recognition.get_current_status_display()}]})
    clean = {name: (texts.get(name) or "").strip() for name in TEXT_FIELDS}
    errors: dict[str, list[str]] = {}
    for name in TEXT_FIELDS:
        limit = YearlyReport._meta.get_field(name).max_length
        if len(clean[name]) > limit:
            errors[name] = [gettext("最多 %(limit)s 字，当前 %(length)s 字。")
                            % {"limit": limit, "length": len(clean[name])}]
    if submit:
        for name in REQUIRED_ON_SUBMIT:
            if not clean[name] and name not in errors:
                errors[name] = [gettext("提交前请填写“%(field)s”。")
                                % {"field": YearlyReport._meta.get_field(name).verbose_name}]
    content_type = ""
    if attachment is not None:
        try:
            content_type = evidence_file_check(attachment)
        except ValidationError as exc:
            errors["attachment"] = exc.messages
    if errors:
        raise ReportErrors(errors)
    with transaction.atomic():
        report, _ = YearlyReport.objects.select_for_update().get_or_create(recognition=recognition, year=today.year)
        if report.status not in EDITABLE:
            raise ReportErrors({"__all__": [gettext("%(year)s 年度工作报告%(status)s，不能再修改。")
                                            % {"year": today.year, "status": report.get_status_display()}]})
        for name, value in clean.items():
            setattr(report, name, value)
        if attachment is not None:
            report.attachment_name = safe_name(attachment.name)
            report.attachment_type = content_type
            report.attachment.save(report.attachment_name, attachment, save=False)
        if submit:
            report.status = YearlyReportStatus.SUBMITTED
            report.submitted_by = by
            report.submitted_at = timezone.now()
        report.save()
        if submit:
            region_parts_changed(TO_REVIEW_PART, missing_part(report.year),
                                 region_ids=[recognition.unit.region_id, recognition.unit.township_id])
            notify(users=staff_over_unit(unit=recognition.unit, role=Role.COUNTY_ADMIN),
                   message=f"{recognition.unit.name}提交了 {report.year} 年度工作报告，请审查。",
                   url=reverse("named_units:report_detail", args=[report.pk]))
    return report


def yearly_report_review(*, report: YearlyReport, by: User, accept: bool, comment: str) -> YearlyReport:
    """The county accepts a filed report or returns it with comments.

    The conditional UPDATE (status still "submitted") means two reviewers
    acting at once cannot both decide.
    """
    comment = comment.strip()
    unit = report.recognition.unit
    if not any(in_jurisdiction(by, region, [Role.COUNTY_ADMIN]) for region in (unit.region, unit.township)):
        raise ValidationError(gettext("您无权审查该单位的年度工作报告。"))
    if not accept and not comment:
        raise ValidationError(gettext("退回修改时请填写审查意见。"))
    target = YearlyReportStatus.ACCEPTED if accept else YearlyReportStatus.RETURNED
    with transaction.atomic():
        claimed = YearlyReport.objects.filter(pk=report.pk, status=YearlyReportStatus.SUBMITTED).update(
            status=target, reviewed_by=by, reviewed_at=timezone.now(), review_comment=comment,
            updated_at=timezone.now(),
        )
        if not claimed:
            raise ValidationError(gettext("该报告当前不是“待县级审查”状态，可能已由他人审查。"))
        region_parts_changed(TO_REVIEW_PART, missing_part(report.year), region_ids=[unit.region_id, unit.township_id])
        notify(users=_unit_reps(report.recognition),
               message=f"{report.year} 年度工作报告：{YearlyReportStatus(target).label}。{comment}".strip(),
               url=reverse("named_units:report_detail", args=[report.pk]))
    report.refresh_from_db()
    return report


def yearly_report_reminders_send(*, today: date | None = None) -> int:
    """Remind every named unit whose report for this year is missing once the due date has passed.

    Each title is reminded at most once a year: the reminder row is claimed
    first (unique per title and year), so running the task twice, or on two
    workers at once, sends each reminder once. Returns how many were sent.
    """
    today = today or timezone.localdate()
    year = today.year
    if today <= report_due_date(year):
        return 0
    filed = YearlyReport.objects.filter(recognition=OuterRef("pk"), year=year, status__in=FILED_STATUSES)
    missing = (
        recognitions_expecting_report(year)
        .exclude(Exists(filed))
        .exclude(pk__in=YearlyReportReminder.objects.filter(year=year).values("recognition_id"))
        .select_related("unit")
    )
    sent = 0
    for recognition in missing.iterator(chunk_size=500):
        try:
            with transaction.atomic():
                _, created = YearlyReportReminder.objects.get_or_create(recognition=recognition, year=year)
                if created:
                    notify(users=_unit_reps(recognition),
                           message=f"{recognition.unit.name}的 {year} 年度工作报告已逾期（应于 "
                                   f"{report_due_date(year):%m月%d日} 前提交），请尽快填报。",
                           url=reverse("named_units:report_file", args=[recognition.pk]), sms=True)
        except IntegrityError:
            continue
        sent += int(created)
    return sent

