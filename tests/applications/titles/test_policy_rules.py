"""The renewal window and the reminder days are each locality's policy (CampaignPolicy.renewal_opens_days,
reminder_days): a policy with other values changes when a renewal opens and when reminders go out; a locality
without one keeps 180 days and 90/30."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.applications.assessments.services import ApplicationError, application_open_renewal
from apps.applications.titles.models import TitleReminder
from apps.applications.titles.services import title_expiry_reminders_send
from tests.factories import CampaignPolicyFactory, UnitFactory

from .test_renewal import _title_ending_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_policy(regions):
    """临汾市 opens renewals 60 days before the end and reminds at 45 and 10 days."""
    return CampaignPolicyFactory(region=regions.city, year=timezone.localdate().year - 1, renewal_opens_days=60,
                                 reminder_days=[45, 10])


def test_the_policys_window_decides_when_a_renewal_opens(cast, regions, linfen_campaign, linfen_standard,
                                                          short_policy):
    today = timezone.localdate()
    outside = _title_ending_in(cast, regions, 80)
    with pytest.raises(ApplicationError, match="到期前 60 天内"):
        application_open_renewal(recognition=outside, by=cast.rep_a, today=today)
    inside = _title_ending_in(cast, regions, 50, unit=cast.unit_b)
    assert application_open_renewal(recognition=inside, by=cast.rep_b, today=today).renews == inside


def test_without_a_policy_the_window_stays_180_days(cast, regions, linfen_campaign, linfen_standard):
    title = _title_ending_in(cast, regions, 170)
    assert application_open_renewal(recognition=title, by=cast.rep_a, today=timezone.localdate()).renews == title


def test_the_titles_page_states_the_policys_window_and_offers_the_button_by_it(
        client, cast, regions, linfen_campaign, linfen_standard, short_policy):
    _title_ending_in(cast, regions, 80)
    client.force_login(cast.rep_a)
    page = client.get(reverse("titles:mine")).content.decode()
    assert "届满前 60 天内可申请复审" in page and "到期前 45、10 天系统会提醒" in page
    assert "尚未到可申请时间" in page and "申请复审</button>" not in page


def test_reminders_go_out_at_the_policys_days_and_not_at_90_and_30(cast, regions, short_policy):
    today = timezone.localdate()
    title = _title_ending_in(cast, regions, 80)
    assert title_expiry_reminders_send(today=today) == 0, "80 days away: 90 is not this locality's reminder"
    assert title_expiry_reminders_send(today=today + timedelta(days=35)) == 1  # 45 days left
    assert title_expiry_reminders_send(today=today + timedelta(days=50)) == 0  # 30 days left: not a reminder here
    assert title_expiry_reminders_send(today=today + timedelta(days=70)) == 1  # 10 days left
    assert sorted(TitleReminder.objects.filter(recognition=title).values_list("days_before", flat=True)) == [10, 45]


def test_another_citys_titles_keep_the_default_reminders(cast, regions, short_policy):
    unit = UnitFactory(region=regions.other_county)
    title = _title_ending_in(cast, regions, 90, unit=unit)
    _title_ending_in(cast, regions, 90)  # 临汾: no reminder at 90
    assert title_expiry_reminders_send() == 1
    assert list(TitleReminder.objects.values_list("recognition_id", "days_before")) == [(title.pk, 90)]


def test_the_county_workbench_counts_titles_within_its_policys_first_reminder(client, cast, regions, short_policy):
    _title_ending_in(cast, regions, 40)
    _title_ending_in(cast, regions, 60, unit=cast.unit_b)
    client.force_login(cast.county_admin_x)
    assert "45 天内到期的称号 1 项" in client.get("/home/").content.decode()
    page = client.get(reverse("titles:ending")).content.decode()
    assert "本辖区内 45 天内到期" in page and "到期前 45、10 天" in page


def test_the_ending_page_reads_its_policy_once(client, cast, regions, short_policy):
    """The reminder days and the page's rules both come from the county's policy: one read serves both."""
    _title_ending_in(cast, regions, 40)
    client.force_login(cast.county_admin_x)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("titles:ending")).content.decode()
    assert "本辖区内 45 天内到期" in page and "到期前 45、10 天" in page
    policy_reads = [q for q in queries.captured_queries if 'FROM "campaigns_campaignpolicy"' in q["sql"]]
    assert len(policy_reads) <= 2  # the page's, and the navigation's (which counties name)
