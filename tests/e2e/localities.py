"""The five seed localities as the browser journeys set them up: their regions (from the seed-city fixture), the
policy and standard choice seed_demo gives them (apps/devtools/demo/), and a cast of one unit and the offices that
act on it. The journeys read every rule from there; nothing here restates a locality's rules.

The unit is fictitious (测试, never a real enterprise of the city), and it is evaluated only against its locality's
own standard: where the locality has chosen none (十堰, 长春), the city office loads and chooses one in the browser,
a file written for the test and marked 测试示例 — never the demonstration standard.
"""

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from apps.accounts.models import Party, Role, User
from apps.applications.reviews import services as review_services
from apps.campaigns.models import EvidenceKind, NamingLevel
from apps.campaigns.selectors import NATIONAL_PANEL_PARTIES
from apps.devtools.demo.policies import POLICIES, demo_policy
from apps.devtools.demo.standards_in_force import CHOICES, demo_standards_in_force
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import Unit
from apps.standards.models import Criterion, CriterionKind, Standard
from apps.standards.services import standard_load
from apps.surveys.loading import survey_template_load
from tests.factories import CampaignYearFactory, MembershipFactory, RegionFactory, UnitFactory, UserFactory

from .browser import login, open_menu
from .test_self_evaluation_journey import answer, upload

SEED_CITIES = Path(settings.BASE_DIR) / "fixtures" / "regions" / "seed_cities.csv"
STANDARDS = Path(settings.BASE_DIR) / "fixtures" / "standards"
SURVEYS = Path(settings.BASE_DIR) / "fixtures" / "surveys"
UNIT_NAME = "测试和谐示范有限公司"

# A standard file the city office of a locality without one loads for the test: marked as a test example in its
# title and note, for the locality's own city only.
EXAMPLE_STANDARD = """\
code: TEST-EXAMPLE-{code}
version: "test-1"
title: {city}劳动关系和谐企业评价标准（测试示例，非正式标准）
issuing_body: {city}协调劳动关系三方（测试示例）
unit_kind: enterprise
locality: "{code}"
effective_from: 2023-01-01
total_score: 100
pass_line: 60
example: true
example_note: 浏览器测试载入的示例文件，不是{city}的正式标准。
criteria:
  - code: A
    title: 劳动合同和集体协商
    max: 60
    children:
      - {{code: A1, kind: number, max: 30, step: 0.5, title: 劳动合同签订率}}
      - {{code: A2, kind: number, max: 30, step: 0.5, title: 集体协商和工资正常增长}}
  - code: B
    title: 职工权益保障
    max: 40
    children:
      - {{code: B1, kind: number, max: 40, step: 0.5, title: 工资支付、休息休假和社会保险}}
  - code: V
    title: 否决情形
    children:
      - {{code: V1, kind: veto, title: 发生重大劳动保障违法行为或群体性事件}}
"""


def _seed_regions() -> dict[str, dict]:
    with SEED_CITIES.open(encoding="utf-8") as rows:
        return {row["code"]: row for row in csv.DictReader(rows)}


def _region(code: str, seeds: dict[str, dict]) -> Region:
    """The region of ``code`` with its parents, as the seed-city fixture lists them."""
    found = Region.objects.filter(code=code).first()
    if found is not None:
        return found
    row = seeds[code]
    parent = _region(row["parent_code"], seeds) if row["parent_code"] else None
    return RegionFactory(name=row["name"], code=code, level=row["level"], parent=parent)


def _member(username: str, **grant) -> User:
    return MembershipFactory(user=UserFactory(username=username), **grant).user


@dataclass
class Locality:
    code: str
    policy: dict
    city: Region  # the city office's region (天津市 for 河东区)
    county: Region  # the unit's county or district
    unit: Unit
    reviewers: dict[str, User] = field(default_factory=dict)

    @property
    def district_names(self) -> bool:
        return self.policy["naming_level"] == NamingLevel.COUNTY

    @property
    def naming_admin(self) -> str:
        return "county_admin" if self.district_names else "city_admin"

    @property
    def parties(self) -> list[str]:
        """The parties the locality's panel seats: its policy's, else the national four."""
        return [row["party"] for row in self.policy.get("panel_parties", [])] or list(NATIONAL_PANEL_PARTIES)

    @property
    def has_standard(self) -> bool:
        return any(choice[0] == self.code for choice in CHOICES)


def locality_setup(code: str) -> Locality:
    """Regions, the demo policy and standard choice, the campaign calendar and the cast of ``code``'s locality."""
    seeds = _seed_regions()
    policy_region = _region(code, seeds)
    county = policy_region if policy_region.level == RegionLevel.COUNTY else _region(
        next(c for c, row in seeds.items() if row["parent_code"] == code and row["level"] == "county"), seeds)
    city = county.parent
    system_admin = _member("sysadmin", role=Role.SYSTEM_ADMIN)
    demo_policy(code, by=system_admin)
    for row in CHOICES:
        if row[0] == code:
            _load_shipped_standard(row[2])
            if row[3]:
                survey_template_load(path=_shipped_file(SURVEYS, row[3]))
    demo_standards_in_force(by=system_admin, region_codes=(code,))
    locality = Locality(code=code, policy=POLICIES[code], city=city, county=county,
                        unit=UnitFactory(name=UNIT_NAME, region=county))
    # The calendar of the level that runs the campaign: the district's own where it names (河东区).
    CampaignYearFactory(city=county if locality.district_names else city)
    _member("rep", role=Role.UNIT_REP, unit=locality.unit)
    _member("county_admin", role=Role.COUNTY_ADMIN, region=county)
    _member("city_admin", role=Role.CITY_ADMIN, region=city)
    for party in locality.parties:
        locality.reviewers[party] = _member(f"reviewer_{party}", role=Role.COUNTY_REVIEWER, region=county,
                                            party=party)
    # A reviewer of a party the locality's panel does not seat: on the county's roster, left off the panel.
    other = next(party for party in Party.values if party not in locality.parties)
    _member(f"reviewer_{other}", role=Role.COUNTY_REVIEWER, region=county, party=other)
    return locality


def _shipped_file(folder: Path, code: str) -> Path:
    """The shipped YAML file of the standard or questionnaire ``code``."""
    for path in sorted(folder.glob("*.yaml")):
        if f"\ncode: {code}\n" in "\n" + path.read_text(encoding="utf-8"):
            return path
    raise AssertionError(f"no shipped file with code {code} in {folder}")


def _load_shipped_standard(standard_code: str) -> None:
    path = _shipped_file(STANDARDS, standard_code)
    standard_load(text=path.read_text(encoding="utf-8"), source=path.name)


def full_marks(standard: Standard) -> dict[str, str]:
    """Each item's best answer: the maximum score, the best choice, no veto."""
    marks = {}
    for criterion in Criterion.objects.filter(standard=standard).exclude(kind=CriterionKind.GROUP).order_by(
            "position"):
        if criterion.kind == CriterionKind.VETO:
            marks[criterion.code] = "no"
        elif criterion.kind == CriterionKind.CHOICE:
            marks[criterion.code] = str(max(Decimal(str(choice["value"])) for choice in criterion.choices))
        else:
            marks[criterion.code] = f"{criterion.max_score.normalize():f}"
    return marks


def logout(page) -> None:
    page.context.clear_cookies()


# The steps of the journey, each as the person who takes it does it in the browser.

def city_loads_and_chooses_an_example_standard(page, locality: Locality) -> None:
    """Where the locality has no standard: its city office loads a test example file and chooses it, knowingly."""
    text = EXAMPLE_STANDARD.format(code=locality.city.code, city=locality.city.name)
    login(page, "city_admin")
    page.goto(f"{page.base_url}/standards/upload/")
    page.get_by_label("创建标准").check()
    page.get_by_label("文件（YAML，UTF-8 编码）").set_input_files(
        {"name": "测试示例标准.yaml", "mimeType": "text/yaml", "buffer": text.encode("utf-8")})
    page.get_by_role("button", name="上传并载入").click()
    page.get_by_text("已载入：").wait_for()
    page.get_by_role("link", name="选定适用标准").click()
    page.get_by_label("选定地区").select_option(label=locality.city.name)
    page.get_by_label("起始年度").fill("2023")
    page.get_by_label("单位类型").select_option(label="企业")
    page.get_by_label("创建标准").select_option(label=f"【示例】{locality.city.name}劳动关系和谐企业评价标准（测试示例，"
                                                  f"非正式标准）（TEST-EXAMPLE-{locality.city.code} test-1）")
    page.get_by_label("依据").fill("浏览器测试：示例文件")
    page.get_by_label("确认选用示例评分方案").check()
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已选定：").wait_for()
    logout(page)


def rep_evaluates_and_submits(page, locality: Locality, standard_title: str) -> Standard:
    """The unit's representative opens this year's application on its locality's standard, fills every item,
    uploads what the policy requires, and submits."""
    login(page, "rep")
    page.get_by_role("link", name="开始本年度创建申报").click()
    expect(page.get_by_test_id("standard-in-force")).to_contain_text(standard_title)
    page.get_by_role("button", name="开始填报").click()
    expect(page.get_by_test_id("standard-in-force")).to_contain_text(standard_title)
    standard = Standard.objects.get(title__contains=standard_title)
    for code, value in full_marks(standard).items():
        answer(page, code, value)
    for required in locality.policy.get("required_evidence", {}).get("enterprise", []):
        expect(page.get_by_text(required["label"]).first).to_be_visible()  # as the policy words it
        upload(page, str(EvidenceKind(required["kind"]).label), "自我评价报告.pdf")
    page.get_by_role("button", name="提交申报").click()
    page.get_by_role("heading", name="确认提交申报？").wait_for()
    page.get_by_role("button", name="确认提交").click()
    page.get_by_text("已提交第 1 版申报，等待审核。").wait_for()
    logout(page)
    return standard


def open_review(page, locality: Locality) -> None:
    open_menu(page, "评估命名", "评估验收")
    page.get_by_role("link", name=locality.unit.name).click()


def county_forms_the_panel_of_the_policys_parties(page, locality: Locality) -> None:
    login(page, "county_admin")
    open_review(page, locality)
    for reviewer in locality.reviewers.values():
        page.get_by_label(str(reviewer), exact=False).check()
    page.get_by_role("button", name="组建评估组", exact=True).click()
    page.get_by_text("评估组已组建").wait_for()
    logout(page)


def panel_scores(application, standard: Standard) -> None:
    """Each member submits a full sheet (the sheet's own screens are test_review_journey's)."""
    criteria = {c.code: c.pk for c in standard.criteria.all()}
    for member in application.review_panel.members.select_related("user"):
        review_services.sheet_save(
            member=member, values={criteria[code]: (value, "") for code, value in full_marks(standard).items()},
            submit=True, by=member.user)


def county_approves(page, locality: Locality, approve_label: str, panel: tuple[str, ...]) -> None:
    """The county reads the panel (one member per party it seats) and approves."""
    login(page, "county_admin")
    open_review(page, locality)
    members = page.get_by_test_id("panel").locator("li")
    expect(members).to_have_count(len(panel))
    for party in panel:
        expect(members.filter(has_text=f"（{party}）")).to_have_count(1)
    page.get_by_label(approve_label).check()
    page.get_by_label("意见和理由").fill("材料齐全，实地核查属实")
    page.get_by_role("button", name="提交结论").click()
    page.get_by_role("button", name="确认提交结论").click()
    page.get_by_text("已办理").wait_for()
    expect(page.locator("#application-status")).to_have_text("县级验收通过")
    logout(page)


def naming_office_confirms(page, locality: Locality, menu_label: str) -> None:
    login(page, locality.naming_admin)
    open_menu(page, "评估命名", menu_label)
    page.get_by_label(f"选择 {locality.unit.name}").check()
    page.get_by_role("button", name="确认所选").click()
    page.get_by_role("button", name="确认通过").click()
    page.get_by_text("已确认 1 条申报。").wait_for()


def office_records_the_provinces_decision(page, document_number: str, decided_on: str) -> None:
    page.goto(f"{page.base_url}/notices/province/")
    page.get_by_role("button", name="报送省级审定").click()
    page.get_by_role("button", name="确认报送").click()
    page.get_by_text("已报送省级审定 1 家单位").wait_for()
    page.get_by_role("link", name="登记省级决定").click()
    page.get_by_label("省级审定通过").check()
    page.get_by_label("省级决定文号").fill(document_number)
    page.get_by_label("省级决定日期").fill(decided_on)
    page.get_by_role("button", name="登记", exact=True).click()
    page.get_by_text("省级审定结果已登记。").wait_for()


def office_publishes_the_notice(page, locality: Locality) -> None:
    open_menu(page, "评估命名", "公示管理")
    page.get_by_label(f"{locality.county.name} · {locality.unit.name}").check()
    page.get_by_role("button", name="发布公示").click()
    page.get_by_role("button", name="确认发布").click()
    page.get_by_text("公示已发布").wait_for()


def office_names_after_the_notice(page) -> None:
    page.get_by_role("button", name="公示期满，予以命名").click()
    page.get_by_role("button", name="确认命名").click()
    page.get_by_text("已命名 1 家单位。").wait_for()
