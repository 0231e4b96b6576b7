"""What the campaign policy changes where it is read: title wording and level, validity, the satisfaction
threshold, required evidence, notice length, grades, and example scores marked as such."""

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from apps.applications.assessments.models import Application
from apps.applications.notices.services import notice_publish
from apps.applications.recognitions.certificates import certificate_pdf
from apps.applications.recognitions.models import RecognitionStatus
from apps.applications.recognitions.services import recognition_create
from apps.applications.workflow.guards import submission_problems
from apps.applications.workflow.service import titles_expire
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.campaigns.rules import DEFAULT_NOTICE_WORKING_DAYS, Rules, rules_for
from apps.campaigns.selectors import revocation_office_level, revocation_records_required
from apps.surveys.selectors import survey_aggregate
from tests.factories import CampaignPolicyFactory
from tests.fixtures.reviews import make_application
from tests.fixtures.surveys import answer

pytestmark = pytest.mark.django_db

HEDONG = {"enterprise": "天津市河东区劳动关系和谐企业"}


def _title(cast, regions, year=2025):
    return recognition_create(unit=cast.unit_a, city=regions.city, year=year, issued_on=date(year, 12, 1),
                              by=cast.city_admin)


def _pdf_text(recognition) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(certificate_pdf(recognition))).pages)


def test_without_a_policy_the_title_keeps_the_national_defaults(cast, regions):
    title = _title(cast, regions)
    assert (title.title, title.level, title.valid_until) == ("市级劳动关系和谐企业", "市级", date(2028, 11, 30))


def test_the_policys_wording_and_level_print_on_the_certificate_and_the_verification_page(client, cast, regions):
    CampaignPolicyFactory(region=regions.county_x, year=2024, titles=HEDONG, title_level="区级",
                          issuing_office="河东区协调劳动关系三方委员会")
    title = _title(cast, regions)
    assert (title.title, title.level, title.full_title) == (HEDONG["enterprise"], "区级", HEDONG["enterprise"])
    page = client.get(reverse("recognitions:verify", args=[title.number])).content.decode()
    assert "天津市河东区劳动关系和谐企业" in page and "区级" in page and "市级" not in page
    text = _pdf_text(title)
    assert "天津市河东区劳动关系和谐企业" in text and "区级" in text and "河东区协调劳动关系三方委员会" in text
    named = client.get(reverse("recognitions:named_list")).content.decode()
    assert "天津市河东区劳动关系和谐企业" in named and "区级" in named


def test_a_policy_without_validity_gives_a_title_with_no_end_that_never_expires(client, cast, regions):
    CampaignPolicyFactory(region=regions.city, year=2024, validity_years=None)
    title = _title(cast, regions)
    assert title.valid_until is None
    with time_machine.travel(date(2040, 1, 1)):
        assert titles_expire() == 0
        title.refresh_from_db()
        assert title.status == RecognitionStatus.VALID and title.is_valid_today
    page = client.get(reverse("recognitions:verify", args=[title.number])).content.decode()
    assert "不设固定期限" in page and "真实有效" in page
    assert "不设固定期限" in _pdf_text(title)


def test_a_policys_validity_sets_the_end(cast, regions):
    CampaignPolicyFactory(region=regions.city, year=2024, validity_years=5)
    assert _title(cast, regions).valid_until == date(2030, 11, 30)


def test_the_satisfaction_threshold_is_the_policys_and_none_means_no_pass_or_fail(cast, regions, linfen_campaign,
                                                                                 survey_a):
    answer(survey_a, [5] * 9)
    assert survey_aggregate(survey_a).threshold == Decimal("80")  # no policy: the questionnaire's own
    policy = CampaignPolicyFactory(region=regions.city, year=survey_a.year, satisfaction_threshold=None)
    aggregate = survey_aggregate(survey_a)
    assert aggregate.threshold is None and not aggregate.meets_threshold
    policy.satisfaction_threshold = Decimal("90")
    policy.save()
    aggregate = survey_aggregate(survey_a)
    assert aggregate.threshold == Decimal("90") and aggregate.meets_threshold


def test_the_survey_page_shows_the_rate_without_pass_or_fail_when_no_threshold(client, cast, regions,
                                                                              linfen_campaign, survey_a):
    CampaignPolicyFactory(region=regions.city, year=survey_a.year, satisfaction_threshold=None)
    for _ in range(survey_a.template.min_responses):
        answer(survey_a, [5] * 9)
    client.force_login(cast.rep_a)
    page = client.get(reverse("surveys:detail", args=[survey_a.pk])).content.decode()
    assert "本地政策未规定满意率达标线" in page and "未达到" not in page and "要求" not in page


def test_the_required_evidence_is_the_policys_per_unit_kind(ready_application, regions):
    assert submission_problems(ready_application) == []
    CampaignPolicyFactory(region=regions.city, year=ready_application.campaign_year.year, required_evidence={
        "enterprise": [{"kind": "other", "label": "企业劳动关系状况报告"}],
        "park": [{"kind": "commitment", "label": "园区承诺书"}],
    })
    # The policy is read once per application object, as a request reads the application once.
    application = Application.objects.get(pk=ready_application.pk)
    assert submission_problems(application) == ["缺少必传材料：企业劳动关系状况报告。"]


def test_a_policy_that_names_no_evidence_requires_none(draft_application, regions):
    def missing():
        application = Application.objects.get(pk=draft_application.pk)  # the policy is read once per object
        return [problem for problem in submission_problems(application) if "必传材料" in problem]

    assert len(missing()) == 2  # no policy: the two uploads the portal has always asked for
    CampaignPolicyFactory(region=regions.city, year=draft_application.campaign_year.year, required_evidence={})
    assert missing() == []


def test_a_notice_shorter_than_the_policys_is_refused_and_shows_the_policys_title(client, cast, regions, campaign,
                                                                                    standard):
    CampaignPolicyFactory(region=regions.city, year=campaign.year, notice_working_days=7, titles=HEDONG)
    application = make_application(cast.unit_a, campaign, standard, status=Status.CITY_CONFIRMED)
    with pytest.raises(ValidationError, match="本地创建活动政策规定公示期不少于 7 个工作日"):
        notice_publish(city=regions.city, applications=[application], starts_on=timezone.localdate(),
                       working_days=5, by=cast.city_admin)
    notice = notice_publish(city=regions.city, applications=[application], starts_on=timezone.localdate(),
                            working_days=7, by=cast.city_admin)
    assert notice.working_days == 7
    page = client.get(reverse("notices:public_detail", args=[notice.pk])).content.decode()
    assert "天津市河东区劳动关系和谐企业" in page


def test_the_notice_form_starts_from_the_policys_length(client, cast, regions):
    CampaignPolicyFactory(region=regions.city, year=timezone.localdate().year - 1, notice_working_days=7)
    client.force_login(cast.city_admin)
    page = client.get(reverse("notices:manage")).content.decode()
    assert 'name="working_days" value="7"' in page


def test_grades_print_only_where_the_policy_grades():
    assert Rules(policy=None).grades_print(True)
    assert not Rules(policy=CampaignPolicyFactory.build(uses_grades=False)).grades_print(True)
    assert Rules(policy=CampaignPolicyFactory.build(uses_grades=True)).grades_print(True)
    assert not Rules(policy=CampaignPolicyFactory.build(uses_grades=True)).grades_print(False)


def test_a_grade_from_an_example_standard_says_so_wherever_it_prints(client, cast, regions, campaign, standard):
    assert standard.is_example
    application = make_application(cast.unit_a, campaign, standard, status=Status.NAMED)
    title = recognition_create(unit=cast.unit_a, city=regions.city, year=campaign.year, by=cast.city_admin,
                               issued_on=timezone.localdate(), grade="AA", application=application)
    assert title.full_title == "市级劳动关系和谐企业（AA，示例评分，非正式等级）"
    page = client.get(reverse("recognitions:verify", args=[title.number])).content.decode()
    assert "示例评分，非正式等级" in page
    assert "示例评分，非正式等级" in client.get(reverse("recognitions:named_list")).content.decode()
    assert "示例评分" in _pdf_text(title)


def test_the_self_evaluation_page_lists_the_uploads_the_policy_requires(client, cast, regions, draft_application):
    client.force_login(cast.rep_a)
    url = reverse("assessments:detail", args=[draft_application.pk])
    assert "必传：职工(代表)大会审议通过的自我评价报告、申报承诺书。" in client.get(url).content.decode()
    CampaignPolicyFactory(region=regions.city, year=draft_application.campaign_year.year,
                          required_evidence={"enterprise": [{"kind": "other", "label": "企业劳动关系状况报告"}]})
    assert "必传：企业劳动关系状况报告。" in client.get(url).content.decode()
    CampaignPolicyFactory(region=regions.county_x, year=draft_application.campaign_year.year, required_evidence={})
    assert "本地创建活动政策未规定必传材料。" in client.get(url).content.decode()


def test_rules_a_document_leaves_unset_are_shown_as_such_not_as_policy(client, cast, regions):
    """No document sets a notice length or (for most) a revocation chain: the policy page says so, the notice
    still gets the system's 5 working days, and the office that names the title decides its revocation."""
    policy = CampaignPolicy.objects.create(region=regions.county_x, year=2024, naming_level=NamingLevel.COUNTY)
    rules = rules_for(region=regions.county_x, year=2024)
    assert rules.notice_working_days == DEFAULT_NOTICE_WORKING_DAYS and not rules.notice_working_days_set_by_document
    assert revocation_office_level(policy) == NamingLevel.COUNTY and revocation_records_required(policy) == []
    client.force_login(cast.county_admin_x)
    html = client.get(reverse("campaigns:policy_detail", args=[policy.pk])).content.decode()
    assert "文件未规定，系统默认" in html and "提出：文件未规定；决定：命名机关" in html
