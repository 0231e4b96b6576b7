"""seed_scale at a tiny size: the province's shape, valid data, bench logins, and the same data for the same seed."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.cn import uscc

from apps.accounts.models import Role, User
from apps.applications.assessments.models import Answer, Application
from apps.applications.recognitions.models import Recognition
from apps.applications.reviews.models import MemberScore, ReviewPanel
from apps.devtools.scale.people import (
    BENCH_PASSWORD,
    BENCH_TOTP_KEY,
    PAGE_REP,
    coordinator_name,
    county_admin_name,
    reviewer_name,
    rush_rep_name,
    township_staff_name,
)
from apps.devtools.scale.province import PROVINCE_CODE
from apps.oversight.risks.models import RiskEvent
from apps.regions.models import Region, RegionLevel
from apps.registry.enterprises.models import Enterprise
from apps.standards.models import Standard
from apps.standards.scoring import answer_error
from apps.standards.selectors import standard_spec

pytestmark = pytest.mark.django_db
TINY = {"enterprises": 300, "risk_events": 2000, "reps": 3}

FINGERPRINT = """
SELECT md5(string_agg(line, '|' ORDER BY line)) FROM (
    SELECT e.uscc || u.name || r.name || coalesce(i.code, '') || e.size || e.employee_count || e.credit_grade AS line
    FROM registry_enterprise e JOIN registry_unit u ON u.id = e.unit_id JOIN regions_region r ON r.id = u.region_id
    LEFT JOIN registry_industryclass i ON i.id = e.industry_id
    UNION ALL
    SELECT e.uscc || c.year || a.status || coalesce((
        SELECT string_agg(cr.code || '=' || an.value, ',' ORDER BY cr.code)
        FROM applications_answer an JOIN standards_criterion cr ON cr.id = an.criterion_id
        WHERE an.application_id = a.id), '')
    FROM applications_application a JOIN registry_enterprise e ON e.unit_id = a.unit_id
    JOIN campaigns_campaignyear c ON c.id = a.campaign_year_id
    UNION ALL
    SELECT e.uscc || ev.kind || ev.occurred_on || ev.severity
    FROM oversight_riskevent ev JOIN registry_enterprise e ON e.unit_id = ev.unit_id
    UNION ALL
    SELECT number || grade || status || coalesce(score::text, '') FROM applications_recognition
) lines
"""


class Rollback(Exception):
    pass


def seeded_fingerprint(seed: int) -> str:
    """Seed inside a savepoint, fingerprint the content (not the ids), roll it back."""
    try:
        with transaction.atomic():
            call_command("seed_scale", seed=seed, stdout=open("/dev/null", "w"), **TINY)
            with connection.cursor() as cursor:
                cursor.execute(FINGERPRINT)
                fingerprint = cursor.fetchone()[0]
            raise Rollback
    except Rollback:
        return fingerprint


def test_a_tiny_province_has_the_promised_shape_valid_data_and_bench_logins():
    """One seed for all the checks: seeding is the slow part."""
    call_command("seed_scale", seed=3, stdout=open("/dev/null", "w"), **TINY)
    province = Region.objects.get(code=PROVINCE_CODE)
    check_sixteen_cities_about_150_counties_and_their_townships(province)
    check_enterprises_have_valid_credit_codes_and_spread_over_industries_and_sizes(province)
    check_every_submitted_application_answers_each_leaf_of_the_standard_validly()
    check_reviews_titles_and_risk_events_are_there()
    check_bench_logins_work_and_rush_units_start_with_empty_drafts(province)
    with pytest.raises(CommandError, match="已有基准省"):
        call_command("seed_scale", **TINY)


def check_sixteen_cities_about_150_counties_and_their_townships(province):
    cities = Region.objects.filter(parent=province, level=RegionLevel.CITY)
    counties = Region.objects.within(province).filter(level=RegionLevel.COUNTY)
    assert cities.count() == 16
    assert 120 <= counties.count() <= 190
    assert Region.objects.within(province).filter(level=RegionLevel.TOWNSHIP).count() >= 8 * counties.count()
    assert not counties.exclude(parent__in=cities).exists()


def check_enterprises_have_valid_credit_codes_and_spread_over_industries_and_sizes(province):
    enterprises = Enterprise.objects.filter(unit__region__path__startswith=province.path)
    assert enterprises.count() == TINY["enterprises"] + TINY["reps"] + 1
    assert all(uscc.is_valid(code) for code in enterprises.values_list("uscc", flat=True))
    assert enterprises.values("industry__section").distinct().count() >= 8
    assert set(enterprises.values_list("size", flat=True)) == {"micro", "small", "medium", "large"}


def check_every_submitted_application_answers_each_leaf_of_the_standard_validly():
    standard = Standard.objects.get(code="SCALE-ENT")
    spec = standard_spec(standard)
    leaves = {c.code: c for c in spec.criteria if c.is_leaf}
    submitted = Application.objects.exclude(status="draft")
    assert submitted.exists()
    for application in submitted.prefetch_related("answers__criterion"):
        answers = {a.criterion.code: a.value for a in application.answers.all()}
        assert answers.keys() == leaves.keys(), application.pk
        assert not [code for code, value in answers.items() if answer_error(leaves[code], value)]
    drafts = Application.objects.filter(status="draft")
    assert max(Answer.objects.filter(application=a).count() for a in drafts) <= len(leaves)


def check_reviews_titles_and_risk_events_are_there():
    panels = ReviewPanel.objects.all()
    assert panels.exists()
    assert not panels.exclude(members__isnull=False).exists()
    assert MemberScore.objects.filter(member__panel__in=panels).exists()
    assert Recognition.objects.filter(status="valid").exists()
    assert Recognition.objects.filter(incentive_grants__isnull=False).exists()
    assert RiskEvent.objects.count() == TINY["risk_events"]


def check_bench_logins_work_and_rush_units_start_with_empty_drafts(province):
    county = Region.objects.within(province).filter(level=RegionLevel.COUNTY).order_by("code").first()
    for username in (county_admin_name(county.code), reviewer_name("hrss", county.code), PAGE_REP,
                     township_staff_name(county.code), coordinator_name(county.code)):
        assert User.objects.get(username=username).check_password(BENCH_PASSWORD), username
    township = User.objects.get(username=township_staff_name(county.code)).memberships.get()
    assert township.role == Role.TOWNSHIP_STAFF and township.region.parent == county
    assert User.objects.get(username=coordinator_name(county.code)).memberships.get().role == Role.COORDINATOR
    admin = User.objects.get(username=county_admin_name(county.code))
    assert TOTPDevice.objects.get(user=admin, confirmed=True).verify_token(f"{totp(bytes.fromhex(BENCH_TOTP_KEY)):06d}")
    rep = User.objects.get(username=rush_rep_name(0))
    unit = rep.memberships.get(role=Role.UNIT_REP).unit
    assert unit.region == county
    draft = unit.applications.get()
    assert draft.status == "draft" and not draft.answers.exists()
    page = User.objects.get(username=PAGE_REP).memberships.get().unit.applications.get()
    assert page.answers.count() == len([c for c in standard_spec(page.standard).criteria if c.is_leaf])


def test_it_refuses_anything_but_postgresql(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="只支持 PostgreSQL"):
        call_command("seed_scale", **TINY)


def test_the_same_seed_gives_the_same_province_and_another_seed_another():
    first = seeded_fingerprint(5)
    assert seeded_fingerprint(5) == first
    assert seeded_fingerprint(6) != first
