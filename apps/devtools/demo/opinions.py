"""Demo of department opinions before the notice (征求部门意见) for seed_demo.

临汾市 keeps six departments it consults; two units of the demo county are confirmed (and, where the province
decides, passed by it) and sent to two of them: 市场监督管理局 has answered with one objection waiting for the city,
税务局 has not answered yet, so the notice of those two units waits. Idempotent: a consultation already there is left.
"""

from datetime import timedelta

from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.services import membership_grant, user_get_or_create
from apps.applications.assessments.models import Application
from apps.applications.assessments.services import application_open
from apps.applications.notices.services import province_decision_record, province_forward
from apps.applications.opinions.models import Consultation, Department, Verdict
from apps.applications.opinions.services import Answer, consultation_answer, consultation_send, department_save
from apps.applications.workflow.offices import application_policy
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.regions.models import Region
from apps.registry.units.models import Unit, UnitKind, VerificationStatus

from .reviews import _review, _submit

DEPARTMENTS = ("市场监督管理局", "税务局", "生态环境局", "应急管理局", "信访局", "中级人民法院")
# The departments' answering staff (login, department).
STAFF = (("dept_market", "市场监督管理局"), ("dept_tax", "税务局"))
UNITS = ("甲", "乙")
OBJECTION = "演示：2024年因虚假宣传受到行政处罚，尚在整改。"


def _confirmed(county: Region, township: Region | None, suffix: str, password: str) -> Application:
    unit, _ = Unit.objects.get_or_create(
        name=f"{county.name}演示企业（征求意见·{suffix}）",
        defaults={"kind": UnitKind.ENTERPRISE, "region": county, "township": township,
                  "verification_status": VerificationStatus.VERIFIED})
    rep, _ = user_get_or_create(username=f"rep_opinion_{UNITS.index(suffix) + 1}_{county.code}", password=password,
                                full_name=f"{unit.name}填报人")
    membership_grant(user=rep, role=Role.UNIT_REP, unit=unit)
    today = timezone.localdate()
    exists = Application.objects.filter(unit=unit, campaign_year__year=today.year).exists()
    application = application_open(unit=unit, by=rep, today=today)
    if exists:
        return application
    admin = User.objects.get(username=f"county_admin_{county.code}")
    city_admin = User.objects.get(username="city_admin")
    _submit(application, rep)
    _review(application, county, admin, score=True)
    application_transition(application=application, to=Status.COUNTY_APPROVED, by=admin, comment="演示：得分达标")
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=city_admin)
    policy = application_policy(application)
    if policy is not None and policy.province_decides:
        decision, = province_forward(applications=[application], by=city_admin)
        province_decision_record(decision=decision, passed=True, document_number="演示：省级审定文号",
                                 decided_on=today, by=city_admin)
    return application


def demo_opinions(*, city: Region, county: Region, password: str) -> list[str]:
    """The city's departments, two department logins and one running consultation; lines for the output."""
    city_admin = User.objects.get(username="city_admin")
    departments = {}
    for name in DEPARTMENTS:
        departments[name] = Department.objects.filter(region=city, name=name).first() or department_save(
            region=city, name=name, by=city_admin)
    for username, name in STAFF:
        user, _ = user_get_or_create(username=username, password=password, full_name=f"{city.name}{name}")
        membership_grant(user=user, role=Role.DEPARTMENT_STAFF, region=city)
        departments[name].staff.add(user)
    title = f"演示：{city.name}拟公示名单征求部门意见"
    if not Consultation.objects.filter(region=city, title=title).exists():
        township = county.children.order_by("pk").first()
        applications = [_confirmed(county, township, suffix, password) for suffix in UNITS]
        consultation = consultation_send(
            region=city, applications=applications, title=title, by=city_admin,
            departments=[departments["市场监督管理局"], departments["税务局"]],
            deadline=timezone.localdate() + timedelta(days=7), note="请核查名单中单位近三年有无违法违规记录。")
        entries = {e.application_id: e.pk for e in consultation.entries.all()}
        consultation_answer(
            request=consultation.requests.get(department=departments["市场监督管理局"]),
            by=User.objects.get(username="dept_market"),
            answers={entries[applications[0].pk]: Answer(Verdict.NO_OBJECTION),
                     entries[applications[1].pk]: Answer(Verdict.OBJECTION, OBJECTION)})
    lines = [f"{username:<28} {city.name}{name}：在“征求意见”中答复" for username, name in STAFF]
    return [*lines, f"{'city_admin':<28} “评估命名 › 征求部门意见”：市场监督管理局已答复（一条异议待处理），"
                    "税务局待答复；全部答复或截止后方可公示"]
