"""Expiry reminders: the unit and its county office, at 90 and 30 days before a title's end, each once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.applications.recognitions.services import recognition_renew
from apps.applications.titles.models import TitleReminder
from apps.applications.titles.services import title_expiry_reminders_send
from apps.applications.titles.tasks import title_expiry_reminders
from apps.notifications.models import Notification
from hlr_portal.celery import app

from .test_renewal import _title_ending_in

pytestmark = pytest.mark.django_db


def _told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("message", flat=True))


def test_the_unit_and_its_county_are_reminded_at_90_days_once(cast, regions):
    title = _title_ending_in(cast, regions, 90)
    assert title_expiry_reminders_send() == 1
    assert title_expiry_reminders_send() == 0, "sent once"
    assert len(_told(cast.rep_a)) == 1 and "还有 90 天" in _told(cast.rep_a)[0] and "申请复审" in _told(cast.rep_a)[0]
    assert len(_told(cast.county_admin_x)) == 1 and title.number in _told(cast.county_admin_x)[0]
    assert _told(cast.county_admin_y) == [] and _told(cast.rep_b) == []


def test_at_30_days_a_second_reminder_goes_and_a_title_first_seen_late_gets_only_that_one(cast, regions):
    today = timezone.localdate()
    _title_ending_in(cast, regions, 90)
    title_expiry_reminders_send(today=today)
    assert title_expiry_reminders_send(today=today + timedelta(days=45)) == 0
    assert title_expiry_reminders_send(today=today + timedelta(days=61)) == 1
    assert sorted(TitleReminder.objects.values_list("days_before", flat=True)) == [30, 90]

    late = _title_ending_in(cast, regions, 10, unit=cast.unit_b)
    assert title_expiry_reminders_send(today=today) == 1
    assert list(TitleReminder.objects.filter(recognition=late).values_list("days_before", flat=True)) == [30]


def test_titles_without_end_or_no_longer_valid_are_not_reminded(cast, regions):
    _title_ending_in(cast, regions, 0, years=None)
    revoked = _title_ending_in(cast, regions, 20, unit=cast.unit_b)
    revoked.status = "revoked"
    revoked.save(update_fields=["status"])
    assert title_expiry_reminders_send() == 0


def test_a_renewed_title_is_reminded_again_before_its_new_end(cast, regions):
    today = timezone.localdate()
    title = _title_ending_in(cast, regions, 20)
    assert title_expiry_reminders_send(today=today) == 1
    recognition_renew(recognition=title, year=today.year, on=today)
    title.refresh_from_db()
    before_new_end = title.valid_until - timedelta(days=25)
    assert title_expiry_reminders_send(today=before_new_end) == 1


def test_the_reminders_run_every_night_from_the_one_schedule(cast, regions):
    entry = app.conf.beat_schedule["titles-expiry-reminders-nightly"]
    assert entry["task"] == title_expiry_reminders.name
    _title_ending_in(cast, regions, 30)
    assert title_expiry_reminders.apply().get() == 1
