"""A title over time: expiry reminders before its end (the renewal itself is an application: assessments.services
``application_open_renewal``; naming it extends the title, workflow.effects ``title_confer``)."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.applications.assessments.selectors import staff_over_unit
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.campaigns.models import DEFAULT_REMINDER_DAYS, CampaignPolicy
from apps.campaigns.rules import rules_for
from apps.notifications.services import notify

from .models import TitleReminder


def _unit_reps(unit_id: int):
    return User.objects.filter(memberships__role=Role.UNIT_REP, memberships__unit_id=unit_id, is_active=True)


def _window(days: int, schedule: tuple[int, ...], today: date) -> tuple[date, date]:
    """The end dates a reminder of ``days`` covers today: up to ``days`` away, and beyond the next, shorter
    reminder's reach in the same ``schedule``, so a title first seen inside 30 days gets the 30-day reminder only."""
    shorter = [d for d in schedule if d < days]
    nearest = today + timedelta(days=max(shorter) + 1) if shorter else today
    return nearest, today + timedelta(days=days)


def _lead_times(today: date) -> set[int]:
    """Every lead time some locality's policy (or the default) reminds at: the nightly queries, one per lead time."""
    days = set(DEFAULT_REMINDER_DAYS)
    for schedule in CampaignPolicy.objects.filter(year__lte=today.year).values_list("reminder_days", flat=True):
        days.update(schedule or ())
    return days


def title_expiry_reminders_send(*, today: date | None = None) -> int:
    """Nightly: remind each valid title's unit and county office before its end, at the lead times its locality's
    policy sets (``Rules.reminder_days``: 90 and 30 days unless the policy says otherwise), each once.

    One query per lead time any policy uses; a title is reminded at a lead time only if its own locality's schedule
    has it (rules per county read once). A missed night is caught up the next (the windows are ranges, not single
    days). The reminder row is claimed before the messages go out (unique per title, end date and lead time), so
    running twice, or on two workers at once, sends each once. Titles with no end date are never reminded.
    Returns how many reminders went out.
    """
    today = today or timezone.localdate()
    schedules: dict[int, tuple[int, ...]] = {}
    sent = 0
    for days in sorted(_lead_times(today), reverse=True):
        due = (Recognition.objects.filter(status=RecognitionStatus.VALID, valid_until__gte=today,
                                          valid_until__lte=today + timedelta(days=days))
               .exclude(Exists(TitleReminder.objects.filter(recognition=OuterRef("pk"), days_before=days,
                                                            valid_until=OuterRef("valid_until"))))
               .select_related("unit__region", "unit__township").order_by("pk"))
        for recognition in due.iterator(chunk_size=500):
            region = recognition.unit.region
            if region.pk not in schedules:
                schedules[region.pk] = rules_for(region=region, year=today.year).reminder_days
            schedule = schedules[region.pk]
            start, end = _window(days, schedule, today)
            if days not in schedule or not start <= recognition.valid_until <= end:
                continue
            try:
                with transaction.atomic():
                    TitleReminder.objects.create(recognition=recognition, valid_until=recognition.valid_until,
                                                 days_before=days, sent_on=today)
                    _remind(recognition, today)
            except IntegrityError:
                continue
            sent += 1
    return sent


def _remind(recognition: Recognition, today: date) -> None:
    left = (recognition.valid_until - today).days
    unit = recognition.unit
    message = (f"{unit.name}的“{recognition.full_title}”（证书编号 {recognition.number}）将于"
               f"{recognition.valid_until:%Y年%m月%d日}到期，还有 {left} 天。")
    notify(users=_unit_reps(unit.pk), message=message + "请在到期前申请复审。",
           url=reverse("titles:mine"), sms=True)
    notify(users=staff_over_unit(unit=unit, role=Role.COUNTY_ADMIN), message=message + "请督促单位按时申请复审。",
           url=reverse("recognitions:detail", args=[recognition.pk]))
