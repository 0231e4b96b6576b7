"""Demo of titles over time for seed_demo: a title ending soon (renewal, reminders), small enterprises for filing
on behalf (one already started by the township), and an application not passed with the county's written
feedback. Idempotent; every name marked 演示."""

from datetime import date, timedelta

from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.services import membership_grant, user_get_or_create
from apps.applications.assessments.models import Application
from apps.applications.assessments.services import ApplicationError, application_open, application_open_on_behalf
from apps.applications.recognitions.models import Recognition
from apps.applications.recognitions.services import recognition_create
from apps.applications.titles.services import title_expiry_reminders_send
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.devtools.demo.reviews import _review, _submit
from apps.regions.models import Region
from apps.registry.enterprises.models import Enterprise, IndustryClass, SizeClass
from apps.registry.enterprises.uscc import uscc_with_check_digit
from apps.registry.units.models import Unit, UnitKind, VerificationStatus

ENDS_IN_DAYS = 60
FEEDBACK = ("演示反馈：劳动合同签订率和集体协商覆盖面未达到标准要求，职工满意度调查样本不足。"
            "建议完善职代会制度、开展工资集体协商，明年再行申报。")


def _unit(name: str, county: Region, township: Region | None, *, size: str, serial: int) -> Unit:
    unit, _ = Unit.objects.get_or_create(name=name, defaults={
        "kind": UnitKind.ENTERPRISE, "region": county, "township": township,
        "verification_status": VerificationStatus.VERIFIED})
    Enterprise.objects.get_or_create(unit=unit, defaults={
        "uscc": uscc_with_check_digit(f"92{county.code}MA{serial:07d}"), "size": size,
        "industry": IndustryClass.objects.get(code="13"), "ownership": "private",
        "employee_count": 12 if size == SizeClass.MICRO else 60, "contact_name": "演示联系人",
        "contact_phone": "0357-0000000", "address": f"{county.name}演示路 {serial} 号"})
    return unit


def _rep(unit: Unit, username: str, password: str) -> User:
    rep, _ = user_get_or_create(username=username, password=password, full_name=f"{unit.name}填报人")
    membership_grant(user=rep, role=Role.UNIT_REP, unit=unit)
    return rep


def demo_titles(*, county: Region, township: Region | None, password: str) -> list[str]:
    """Create the demo units and states; returns lines telling which login shows what."""
    today = timezone.localdate()
    city = county.parent
    city_admin = User.objects.get(username="city_admin")
    county_admin = User.objects.get(username=f"county_admin_{county.code}")
    lines = []

    # A title conferred before the portal (registered, three years) that ends in 60 days: the unit may renew.
    ending = _unit(f"{county.name}演示企业（称号将到期）", county, township, size=SizeClass.MEDIUM, serial=11)
    rep = _rep(ending, f"rep_renewal_{county.code}", password)
    if not Recognition.objects.filter(unit=ending).exists():
        end = today + timedelta(days=ENDS_IN_DAYS)
        issued = date.fromordinal(end.toordinal() + 1).replace(year=end.year - 3)
        recognition_create(unit=ending, city=city, year=issued.year, issued_on=issued, by=city_admin,
                           validity_years=3)
    reminders = title_expiry_reminders_send(today=today)
    lines.append(f"{rep.username}：称号 {ENDS_IN_DAYS} 天后到期，“我的称号与复审”可申请复审"
                 f"（已发到期提醒 {reminders} 条）；county_admin_{county.code}“动态管理 › 即将到期的称号”")

    # 帮办代办: a micro enterprise with no application, and a small one the township has started on its behalf.
    small = _unit(f"{county.name}演示小微商行", county, township, size=SizeClass.MICRO, serial=12)
    _rep(small, f"rep_small_{county.code}", password)
    started = _unit(f"{county.name}演示小微企业（代办中）", county, township, size=SizeClass.SMALL, serial=13)
    _rep(started, f"rep_behalf_{county.code}", password)
    township_staff = User.objects.filter(username=f"township_{county.code}").first()
    if township_staff is not None:
        try:
            application = application_open_on_behalf(unit=started, by=township_staff,
                                                     reason="演示：企业无专职人员，经企业负责人同意代为填报",
                                                     today=today)
        except ApplicationError as exc:
            lines.append(f"帮办代办演示未能开始：{exc.messages[0]}")
        else:
            lines.append(f"{township_staff.username}：“创建申报 › 帮办代办”可代{small.name}填报；"
                         f"{started.name}已由其代办（rep_behalf_{county.code} 可查看）")
            lines.append(f"申报进度查询 /applications/status/：申报编号 {application.number}，"
                         f"统一社会信用代码 {started.enterprise.uscc}")

    # Not passed, with the county's written feedback on the unit's workbench.
    failed = _unit(f"{county.name}演示企业（未通过）", county, township, size=SizeClass.MEDIUM, serial=14)
    failed_rep = _rep(failed, f"rep_notpassed_{county.code}", password)
    if not Application.objects.filter(unit=failed, campaign_year__year=today.year).exists():
        try:
            application = application_open(unit=failed, by=failed_rep, today=today)
        except ApplicationError as exc:
            lines.append(f"未通过演示未能开始：{exc.messages[0]}")
            return lines
        _submit(application, failed_rep)
        _review(application, county, county_admin, score=True)
        application_transition(application=application, to=Status.NOT_PASSED, by=county_admin, comment=FEEDBACK)
    lines.append(f"rep_notpassed_{county.code}：工作台“未通过的书面反馈”")
    return lines
