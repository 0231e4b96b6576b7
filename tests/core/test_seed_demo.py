"""seed_demo run twice, once for the whole module (held_transaction): each test reads what the two runs left.

A run costs seconds; the module's tests only read what it made (a test's own writes, the demo login's session
for one, are rolled back after it). The output of both runs is kept for the tests that read what it prints.
"""

import datetime
import io
from contextlib import redirect_stdout
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from apps.accounts.models import Membership, Role, User
from apps.regions.models import Region
from apps.registry.coordinators.models import Coordinator
from apps.registry.enterprises.models import Enterprise
from apps.registry.units.models import Unit
from tests.held_transaction import held_transaction

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (User.objects.count(), Membership.objects.count(), Region.objects.count(), Unit.objects.count(),
            Enterprise.objects.count(), Coordinator.objects.count())


@dataclass
class Seeded:
    counts_after_first: tuple[int, ...]
    counts_after_second: tuple[int, ...]
    out: str


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo twice (the second run must change nothing), with what both runs printed."""
    printed = io.StringIO()
    media = tmp_path_factory.mktemp("seed-demo-private")
    with override_settings(PRIVATE_MEDIA_ROOT=media), held_transaction(django_db_blocker):
        with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE), redirect_stdout(printed):
            call_command("seed_demo")
            first = _counts()
            call_command("seed_demo")
            seeded = Seeded(counts_after_first=first, counts_after_second=_counts(), out=printed.getvalue())
        yield seeded


def test_seed_demo_is_idempotent_and_gives_every_linfen_county_each_role(seeded):
    assert seeded.counts_after_second == seeded.counts_after_first
    assert _counts() == seeded.counts_after_second

    linfen_counties = Region.objects.get(code="141000").children.all()
    for county in linfen_counties:
        roles = set(Membership.objects.filter(region=county).values_list("role", flat=True))
        assert {Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER, Role.COORDINATOR} <= roles, county.name
        # Four reviewers a county; 尧都区 has a second per party for the expert pool's draws (demo/experts.py).
        reviewers = 8 if county.code == "141002" else 4
        assert Membership.objects.filter(role=Role.COUNTY_REVIEWER, region=county).count() == reviewers
        assert Membership.objects.filter(role=Role.UNIT_REP, unit__region=county).exists()
    # One demo enterprise per county, plus 尧都区's four showing renewal, feedback and filing on behalf (titles.py).
    enterprise_reps = Membership.objects.filter(role=Role.UNIT_REP, unit__enterprise__isnull=False)
    assert enterprise_reps.count() == len(linfen_counties) + 4
    assert enterprise_reps.exclude(unit__region__code="141002").count() == len(linfen_counties) - 1
    for enterprise in Enterprise.objects.all():
        assert not enterprise.uscc_check_failed and "演示" in enterprise.unit.name
    assert set(Unit.objects.filter(region__code="141002").values_list("kind", flat=True)) == {
        "enterprise", "park", "township", "industry"
    }
    assert Coordinator.objects.certified_on(datetime.date(2026, 6, 1)).filter(region__code="141002").exists()
    assert "county_admin_141002" in seeded.out and "Demo-2026-hlr" in seeded.out


def test_demo_login_works(seeded, client):
    response = client.post("/accounts/login/", {"username": "city_admin", "password": "Demo-2026-hlr"}, follow=True)
    assert "待市级确认的申报" in response.content.decode()


def test_seed_demo_shows_the_review_process_and_names_the_logins(seeded):
    from apps.applications.assessments.models import Application
    from apps.applications.recognitions.models import Recognition

    statuses = dict(Application.objects.filter(unit__region__code="141002").values_list("unit__name", "status"))
    assert statuses == {
        "尧都区演示企业（已提交）": "submitted", "尧都区演示企业（县级评估中）": "county_review",
        "尧都区演示企业（县级验收通过）": "county_approved", "尧都区演示企业（已命名）": "named",
        # Confirmed and sent to 临汾市's departments before the notice (apps/devtools/demo/opinions.py).
        "尧都区演示企业（征求意见·甲）": "city_confirmed", "尧都区演示企业（征求意见·乙）": "city_confirmed",
        # Written feedback to a unit that did not pass, and a small enterprise filed for (apps/devtools/demo/titles.py).
        "尧都区演示企业（未通过）": "not_passed", "尧都区演示小微企业（代办中）": "draft",
    }
    review = Application.objects.get(unit__name="尧都区演示企业（县级评估中）")
    assert review.review_panel.members.count() == 4
    recognition = Recognition.objects.get(unit__name="尧都区演示企业（已命名）")
    assert recognition.number.startswith("141000-")
    assert "rep_named_141002" in seeded.out and "county_admin_141002" in seeded.out and "评估验收演示" in seeded.out


def test_seed_demo_leaves_a_consultation_with_one_answer_and_one_objection_waiting(seeded):
    from apps.applications.opinions.models import Consultation, Department, DepartmentOpinion, OpinionStatus

    assert Department.objects.filter(region__code="141000").count() == 6
    consultation = Consultation.objects.get()
    assert [(r.department.name, r.answered_at is not None) for r in consultation.requests.order_by("pk")] == [
        ("市场监督管理局", True), ("税务局", False)]
    assert DepartmentOpinion.objects.filter(status=OpinionStatus.PENDING).count() == 1


def test_demo_reviewers_names_leave_their_party_to_the_pages_that_add_it(seeded):
    """Pages, sheets and exports name a reviewer with their party (尧都区评估人员李一（工会）): a demo name that
    carried it too read 尧都区评估人员（工会）（工会）."""
    from apps.applications.assessments.models import Application

    reviewers = Membership.objects.filter(role=Role.COUNTY_REVIEWER).select_related("user")
    names = [(membership.region_id, membership.user.full_name) for membership in reviewers]
    assert names and all("（" not in name and "工会" not in name for _region, name in names)
    assert len(set(names)) == len(names)  # each reviewer of a county has a name of their own
    assert "reviewer_union_141002" in seeded.out and "尧都区评估人员李一\n" in seeded.out
    review = Application.objects.get(unit__name="尧都区演示企业（县级评估中）")
    members = [str(member) for member in review.review_panel.members.all()]
    assert "尧都区评估人员李一（工会）" in members and all(member.count("（") == 1 for member in members)


def test_seed_demo_renames_a_reviewer_seeded_with_the_party_in_the_name(seeded, tmp_path):
    User.objects.filter(username__in=["reviewer_union_141002", "reviewer2_union_141002"]).update(
        full_name="尧都区评估人员（工会）")
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path), translation.override(settings.LANGUAGE_CODE), \
            redirect_stdout(io.StringIO()):
        call_command("seed_demo")
    assert dict(User.objects.filter(username__startswith="reviewer").filter(username__contains="union_141002")
                .values_list("username", "full_name")) == {
        "reviewer_union_141002": "尧都区评估人员李一", "reviewer2_union_141002": "尧都区评估人员李二"}
