"""Each of the five seed localities runs one unit through its own campaign in Chromium, as its document says.

The locality's policy and standard choice are seed_demo's (apps/devtools/demo/policies.py, standards_in_force.py):
the unit's representative evaluates on the locality's standard (where it has none, 十堰 and 长春, the city office
first loads and chooses a test example file) and submits with the uploads the policy requires; the county seats a
panel of exactly the policy's parties and approves; the naming office the policy names (the city, or 河东区 itself)
confirms; where the province decides (临汾) its decision is recorded first; the notice is published and, once over,
the unit is named. The pages then show the locality's naming body, title wording and standard.
"""

import subprocess
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.applications.notices.models import Notice
from apps.applications.recognitions.models import RecognitionStatus
from apps.applications.workflow.states import Status
from tests.factories import named

from . import localities as steps
from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass(frozen=True)
class Expected:
    """What a person should read on the pages of the locality (the test's expectations, in the documents' words)."""

    code: str
    standard: str  # a part of the standard's title the unit is shown
    title: str  # the title's full wording on the certificate and the verification page
    naming_body: str  # (a part of) the body the certificate names
    panel: tuple[str, ...]  # the parties' labels, as the review page lists the panel
    province_document: str = ""  # where the province decides: its decision's number


EXPECTED = [
    Expected("141000", "临汾市和谐劳动关系创建企业评估表", "市级劳动关系和谐企业",
             "临汾市人力资源和社会保障局 临汾市总工会",
             ("人力资源社会保障部门", "工会", "企业联合会/企业家协会", "工商业联合会"),
             province_document="晋人社函〔2026〕12号"),
    Expected("370400", "DB37/T 4077—2020", "市级劳动关系和谐企业", "枣庄市人力资源和社会保障局",
             ("人力资源社会保障部门", "工会", "企业联合会/企业家协会", "工商业联合会")),
    Expected("420300", "十堰市劳动关系和谐企业评价标准（测试示例", "市级劳动关系和谐企业", "十堰市",
             ("人力资源社会保障部门", "工会", "企业联合会/企业家协会", "工商业联合会")),
    Expected("220100", "长春市劳动关系和谐企业评价标准（测试示例", "市级劳动关系和谐企业", "长春市",
             ("人力资源社会保障部门", "工会", "企业联合会/企业家协会", "工商业联合会")),
    Expected("120102", "天津市和谐劳动关系创建企业标准", "天津市河东区劳动关系和谐企业", "河东区协调劳动关系三方",
             ("人力资源社会保障部门", "工会", "国有资产监督管理部门", "工商业联合会")),
]


@pytest.mark.parametrize("expected", EXPECTED, ids=[e.code for e in EXPECTED])
def test_a_unit_goes_from_self_evaluation_to_naming_as_its_localitys_document_says(page, expected, settings,
                                                                                   tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    locality = steps.locality_setup(expected.code)

    if not locality.has_standard:
        # The unit is refused rather than put on the demonstration standard, until its city chooses one.
        login(page, "rep")
        page.get_by_role("link", name="开始本年度创建申报").click()
        expect(page.get_by_test_id("no-standard")).to_contain_text("系统不会改用演示标准")
        steps.logout(page)
        steps.city_loads_and_chooses_an_example_standard(page, locality)

    standard = steps.rep_evaluates_and_submits(page, locality, expected.standard)
    application = Application.objects.get(unit=locality.unit)
    assert (application.status, application.standard) == (Status.SUBMITTED, standard)

    steps.county_forms_the_panel_of_the_policys_parties(page, locality)
    application.refresh_from_db()
    panel = application.review_panel
    assert sorted(panel.members.values_list("party", flat=True)) == sorted(locality.parties)
    steps.panel_scores(application, standard)
    steps.county_approves(page, locality, "验收通过，报送" + ("区级" if locality.district_names else "市级"),
                          expected.panel)

    steps.naming_office_confirms(page, locality, "命名确认" if locality.district_names else "市级确认")
    if locality.policy.get("province_decides"):
        # Not on the notice page before the province has decided.
        page.goto(f"{page.base_url}/notices/manage/")
        expect(page.get_by_label(f"{locality.county.name} · {locality.unit.name}")).to_have_count(0)
        steps.office_records_the_provinces_decision(page, expected.province_document,
                                                    timezone.localdate().isoformat())
    steps.office_publishes_the_notice(page, locality)
    notice = Notice.objects.get()
    page.goto(f"{page.base_url}/notices/{notice.pk}/")
    expect(page.get_by_role("row", name=locality.unit.name)).to_contain_text(expected.title)

    # The notice's working days are over (its dates moved back rather than the clock forward).
    yesterday = timezone.localdate() - timedelta(days=1)
    Notice.objects.filter(pk=notice.pk).update(starts_on=yesterday - timedelta(days=9), ends_on=yesterday)
    open_menu(page, "评估命名", "公示管理")
    page.get_by_role("link", name=notice.title).click()
    steps.office_names_after_the_notice(page)
    steps.logout(page)
    application.refresh_from_db()
    title = application.recognition
    assert application.status == Status.NAMED

    # The unit's representative reads its title and downloads the certificate.
    login(page, "rep")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="认定命名").click()
    page.get_by_role("link", name=title.number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(expected.title)
    expect(page.get_by_test_id("issuer")).to_contain_text(expected.naming_body)
    certificate = page.request.get(f"{page.base_url}/recognitions/{title.pk}/certificate.pdf")
    assert certificate.ok and certificate.headers["content-type"] == "application/pdf"
    text = _pdf_text(certificate.body(), tmp_path)
    assert expected.title in text and expected.naming_body.split()[0] in text
    steps.logout(page)

    # Anyone checks the certificate on the public verification page.
    page.goto(f"{page.base_url}/verify/{title.number}/")
    page.get_by_text("该证书真实有效").wait_for()
    expect(page.get_by_test_id("title")).to_have_text(expected.title)
    expect(page.get_by_test_id("issuer")).to_contain_text(expected.naming_body)
    if expected.province_document:
        expect(page.get_by_role("row", name="省级审定")).to_contain_text(expected.province_document)
    assert title.number.startswith((locality.county if locality.district_names else locality.city).code)


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_a_linfen_revocation_takes_effect_only_after_the_recorded_approvals(page):
    """临汾 五(四): the city proposes; the province decides "报国家协调劳动关系三方同意后"; only with both recorded
    does the revocation take effect, and the public notice words it as the policy does."""
    locality = steps.locality_setup("141000")
    today = timezone.localdate()
    title = named(locality.unit, city=locality.city, by=User.objects.get(username="city_admin"),
                  issued_on=today - timedelta(days=90))

    login(page, "county_admin")  # the county office follows the title but does not propose under 临汾's policy
    page.goto(f"{page.base_url}/recognitions/{title.pk}/")
    page.get_by_text(title.number).first.wait_for()
    expect(page.get_by_role("link", name="提出取消命名")).to_have_count(0)
    steps.logout(page)

    login(page, "city_admin")
    page.goto(f"{page.base_url}/recognitions/{title.pk}/")
    page.get_by_role("link", name="提出取消命名").click()
    page.get_by_label("提出取消命名的理由和依据").fill("发生拖欠工资群体性事件，经查属实")
    page.get_by_role("button", name="提出取消命名").click()
    page.get_by_role("button", name="确认提出").click()
    page.get_by_text("已提出取消命名，等待决定机关处理。").wait_for()
    expect(page.get_by_text("本地政策：市级提出，省级决定")).to_be_visible()

    # Confirming before the approvals are recorded is refused, and the title stays valid.
    page.get_by_label("取消命名的理由和依据").fill("发生拖欠工资群体性事件，依规取消命名")
    page.get_by_role("button", name="确认取消命名").click()
    page.get_by_role("button", name="确认取消命名").click()
    expect(page.get_by_role("alert").filter(has_text="尚未登记：省级决定、国家协调劳动关系三方同意")).to_be_visible()
    title.refresh_from_db()
    assert title.status == RecognitionStatus.VALID

    for name, body, number in (("省级决定", "山西省协调劳动关系三方", "晋人社函〔2026〕30号"),
                               ("国家协调劳动关系三方同意", "国家协调劳动关系三方", "人社部函〔2026〕8号")):
        page.get_by_label("意见事项").select_option(name)
        page.get_by_label("出具机关").fill(body)
        page.get_by_label("出具日期").fill(today.isoformat())
        page.get_by_label("文号").fill(number)
        page.get_by_role("button", name="登记", exact=True).click()
        page.get_by_text("上级意见已登记。").wait_for()
    page.get_by_label("取消命名的理由和依据").fill("发生拖欠工资群体性事件，依规取消命名")
    page.get_by_role("button", name="确认取消命名").click()
    page.get_by_role("button", name="确认取消命名").click()
    page.get_by_text("已取消命名，证书查验页和公告已更新，相关激励已终止。").wait_for()
    steps.logout(page)

    page.goto(f"{page.base_url}/verify/{title.number}/")
    page.get_by_text("该称号已被撤销，证书失效。").wait_for()
    page.goto(f"{page.base_url}/revocations/notices/")
    expect(page.get_by_text("经省级协调劳动关系三方报国家协调劳动关系三方同意")).to_be_visible()
