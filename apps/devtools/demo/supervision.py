"""Demo of supervision of lower levels (检查督导) and target responsibility (目标责任制).

临汾市's office spot-checks 尧都区 and 曲沃县 (seed 000 五(二): 上级抽查, 联合督导) and 尧都区's office checks its first
township; their rectification items stand at each step (one overdue, one reported and waiting for acceptance,
one closed). Target tasks are set for 尧都区 and 长春市 (seed 003 三(五): 层层签订目标责任状). The facts are examples
of the kind the documents describe, not real findings. Idempotent: a visit is found by its regions and date.
"""

import datetime

from django.utils import timezone

from apps.accounts.models import User
from apps.oversight.supervision.models import ItemStatus, RectificationItem, SupervisionVisit, VisitKind
from apps.regions.models import Region
from apps.registry.units.models import Unit
from apps.reports.models import TargetTask, TaskStatus

LINFEN, YAODU, QUWO, CHANGCHUN = "141000", "141002", "141021", "220100"


def _visit(*, supervisor: Region, region: Region, on: datetime.date, kind: str, participants: str, findings: str,
           by: User) -> tuple[SupervisionVisit, bool]:
    return SupervisionVisit.objects.get_or_create(supervisor=supervisor, region=region, visited_on=on, defaults={
        "kind": kind, "participants": participants, "findings": findings, "recorded_by": by})


def demo_supervision(*, today: datetime.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    city_admin = User.objects.get(username="city_admin")
    county_admin = User.objects.get(username=f"county_admin_{YAODU}")
    linfen, yaodu, quwo = (Region.objects.get(code=code) for code in (LINFEN, YAODU, QUWO))
    township = yaodu.children.order_by("pk").first()
    visit, created = _visit(
        supervisor=linfen, region=yaodu, on=today - datetime.timedelta(days=40), kind=VisitKind.SPOT,
        participants="市人社局、市总工会、市企联、市工商联", findings="部分企业自评材料不全；园区创建台账未按月更新。",
        by=city_admin)
    if created:
        RectificationItem.objects.create(visit=visit, description="补齐 3 家企业的自评佐证材料", responsible=yaodu,
                                         deadline=today - datetime.timedelta(days=10))
        RectificationItem.objects.create(
            visit=visit, description="园区创建台账按月更新", responsible=township or yaodu,
            deadline=today + datetime.timedelta(days=20), status=ItemStatus.REPORTED,
            measures="已指定专人每月 5 日前更新台账", rectified_on=today - datetime.timedelta(days=3),
            reported_by=county_admin)
        RectificationItem.objects.create(
            visit=visit, description="公布县级三方办公室联系电话", responsible=yaodu,
            deadline=today - datetime.timedelta(days=30), status=ItemStatus.CLOSED, measures="已在政府网站公布",
            rectified_on=today - datetime.timedelta(days=35), reported_by=county_admin,
            closed_on=today - datetime.timedelta(days=32), closed_by=city_admin, review_comment="已核实")
    _visit(supervisor=linfen, region=quwo, on=today - datetime.timedelta(days=25), kind=VisitKind.JOINT,
           participants="市协调劳动关系三方", findings="创建工作推进正常，未发现需整改的问题。", by=city_admin)
    if township is not None:
        own, created = _visit(
            supervisor=yaodu, region=township, on=today - datetime.timedelta(days=15), kind=VisitKind.SYSTEM,
            participants="区人社局、区总工会", findings="街道劳动关系协调员未全部持证。", by=county_admin)
        if created:
            RectificationItem.objects.create(visit=own, description="组织协调员参加持证培训", responsible=township,
                                             deadline=today - datetime.timedelta(days=1))
    _tasks(yaodu, by=city_admin, today=today)
    _tasks(Region.objects.get(code=CHANGCHUN), by=User.objects.get(username=f"city_admin_{CHANGCHUN}"), today=today)
    lines = _lower_links(yaodu, township, by=county_admin, today=today)
    return [
        f"county_admin_{YAODU}：工作台“逾期未整改事项”（市级抽查留下的整改事项），在事项页报告整改；"
        "“待验收的整改事项”（区对街道的督导）",
        "city_admin：“动态管理 › 检查督导”记录对各县(市、区)的抽查、验收整改；“统计报告 › 目标责任任务”",
        f"city_admin_{CHANGCHUN}：统计分析页“目标责任完成情况”列出未达标的指标（示例数值）",
        *lines,
    ]


def _lower_links(county: Region, township: Region | None, *, by: User, today: datetime.date) -> list[str]:
    """The 包保 chain below the county: a task the district gives its first street, and one the street gives the
    district's demo enterprise (seen on its representative's workbench)."""
    staff = User.objects.filter(username=f"township_{county.code}").first()
    unit = Unit.objects.filter(name=f"{county.name}演示企业有限公司", township=township).first()
    if township is None or staff is None or unit is None:
        return []
    TargetTask.objects.get_or_create(region=township, unit=None, year=today.year,
                                     title="街道内规上企业劳动合同签订率达到 95%",
                                     defaults={"department": f"{township.name}劳动保障所",
                                               "deadline": today + datetime.timedelta(days=20), "progress": 30,
                                               "status": TaskStatus.ONGOING, "assigned_by": by,
                                               "progress_note": "已完成 12 家企业的合同检查"})
    TargetTask.objects.get_or_create(region=township, unit=unit, year=today.year, title="建立企业劳动争议调解委员会",
                                     defaults={"department": township.name, "responsible_person": "王建华",
                                               "deadline": today + datetime.timedelta(days=30), "progress": 50,
                                               "status": TaskStatus.ONGOING, "assigned_by": staff,
                                               "progress_note": "已确定调解委员会人选"})
    return [f"{staff.username}：工作台“本乡镇(街道)目标任务”上报进展，“包保用人单位：下达任务”；"
            f"rep_{county.code}：工作台“包保目标任务”"]


TASKS = (
    ("每县(市、区)培育和谐劳动关系企业不少于 4 家、园区或乡镇(街道)不少于 1 个", "人社局", 0.5, 60, TaskStatus.ONGOING),
    ("建立县级劳动关系协调员队伍并全部持证", "总工会", -0.2, 40, TaskStatus.ONGOING),
    ("11月底前报送年度创建工作总结", "三方办公室", 0.9, 100, TaskStatus.DONE),
)


def _tasks(region: Region, *, by: User, today: datetime.date) -> None:
    year_end = datetime.date(today.year, 12, 31)
    for title, department, share, progress, status in TASKS:
        # ``share`` of the year's remaining days (negative: already past, so the task shows as overdue).
        deadline = today + datetime.timedelta(days=int((year_end - today).days * share)) if share > 0 \
            else today - datetime.timedelta(days=10)
        TargetTask.objects.get_or_create(region=region, year=today.year, title=title, defaults={
            "department": f"{region.name}{department}", "deadline": deadline, "progress": progress,
            "status": status, "assigned_by": by,
            "progress_note": "示例进展" if progress < 100 else "已完成"})
