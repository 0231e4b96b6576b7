"""An application of unit A (county X) on the demo standard, submitted and ready for county review."""

from datetime import date

import pytest
from django.conf import settings

from apps.applications.assessments.models import Answer, Application
from apps.applications.reviews import services
from apps.applications.reviews.models import CombinationRule
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignYear
from apps.standards.services import standard_load_file

# Demo standard: B1.1 (0–10), B1.2 (0–10), B2 (0–25), C1 (0–30), C2 (0–25), D1 (0/−2/−4/−6), V1, V2 vetoes.
GOOD = {"B1.1": "10", "B1.2": "9", "B2": "24", "C1": "27", "C2": "22", "D1": "0", "V1": "no", "V2": "no"}


@pytest.fixture
def standard(db):
    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    return standard


@pytest.fixture
def campaign(regions):
    year = date.today().year
    return CampaignYear.objects.create(
        city=regions.city, year=year, self_evaluation_opens=date(year, 1, 1),
        self_evaluation_closes=date(year, 12, 31), county_review_deadline=date(year, 12, 31),
        city_confirmation_deadline=date(year, 12, 31), notice_working_days=5,
    )


def make_application(unit, campaign, standard, status=Status.SUBMITTED, values=GOOD) -> Application:
    application = Application.objects.create(unit=unit, campaign_year=campaign, standard=standard, status=status)
    criteria = {c.code: c for c in standard.criteria.all()}
    Answer.objects.bulk_create([Answer(application=application, criterion=criteria[code], value=value)
                                for code, value in values.items()])
    return application


@pytest.fixture
def application(cast, campaign, standard):
    return make_application(cast.unit_a, campaign, standard)


def sheet(standard, values: dict[str, str]) -> dict[int, tuple[str, str]]:
    criteria = {c.code: c for c in standard.criteria.all()}
    return {criteria[code].pk: (value, "") for code, value in values.items()}


def form_panel(application, cast, rule=CombinationRule.MEAN, recorder=None):
    return services.panel_form(application=application, reviewers=list(cast.reviewers_x.values()), rule=rule,
                               recorder=recorder, by=cast.county_admin_x)


def score_all(application, cast, standard, values=GOOD, overrides=None):
    """Every panel member submits a sheet; ``overrides`` maps party → changed values."""
    panel = application.review_panel
    for member in panel.members.all():
        member_values = {**values, **(overrides or {}).get(member.party, {})}
        services.sheet_save(member=member, values=sheet(standard, member_values), submit=True, by=member.user)


def approved(application, cast, standard):
    from apps.applications.workflow.service import application_transition

    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    return application_transition(application=application, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)


