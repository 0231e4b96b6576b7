"""What waits for each role on its home page.

Each role's section lists the things that user should act on next. Later
features add their own queries here; an empty list is shown as "nothing
waiting", never hidden, so a user can tell the page works.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Membership, Role
from apps.accounts.permissions import memberships_of
from apps.accounts.selectors import subtree_q
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_rules, return_feedback
from apps.applications.recognitions.models import valid_through
from apps.applications.workflow.offices import names_in_own_county
from apps.applications.workflow.states import Status, status_label
from apps.campaigns.services import CAMPAIGNS_KEY
from apps.core.public_cache import GENERATION_KEY as TITLES_KEY
from apps.core.region_cache import region_cached, unit_cached
from apps.home.items import HomeItem, HomeSection
from apps.home.sections import cultivation as cultivation_home
from apps.home.sections import duties as duty_home
from apps.home.sections import offices as offices_home
from apps.home.sections import opinions as opinion_home
from apps.home.sections import reviews as review_home
from apps.home.sections import revocations as revocation_home
from apps.home.sections import risks as risk_home
from apps.home.sections import supervision as supervision_home
from apps.home.sections import targets as target_home
from apps.home.sections import titles as title_home
from apps.registry.services import PENDING_PART, unit_rejection_reason
from apps.registry.units.home import UNIT_HOME_PART
from apps.registry.units.models import Unit, UnitKind, VerificationStatus
from apps.reports.models import REPORTS_KEY, AnnualReport
from apps.surveys.models import Survey


def _unit_rep_sections(membership: Membership) -> list[HomeSection]:
    """The representative's workbench, kept per unit (apps/registry/units/home.py says what drops it): read
    afresh, it is eight queries of the unit's own rows and ~10 ms of CPU on every visit."""
    return unit_cached(UNIT_HOME_PART, membership.unit_id, lambda: _unit_rep_sections_read(membership),
                       also=(TITLES_KEY, CAMPAIGNS_KEY))


def _unit_rep_sections_read(membership: Membership) -> list[HomeSection]:
    unit = membership.unit
    status = HomeItem(label=str(unit), note=unit.get_verification_status_display(),
                      url=reverse("registry:unit_detail", args=[unit.pk]))
    items = [status]
    if unit.verification_status == VerificationStatus.PENDING:
        items.append(HomeItem(label=str(_("注册信息正在等待县级三方办公室核验，核验通过后才能开展创建申报。"))))
    elif unit.verification_status == VerificationStatus.REJECTED:
        reason = unit_rejection_reason(unit)
        items.append(HomeItem(label=str(_("注册未通过核验，退回原因：%(reason)s")) % {"reason": reason}))
        if unit.kind == UnitKind.ENTERPRISE:
            items.append(HomeItem(label=gettext("修改注册信息并重新提交"),
                                  url=reverse("registry:registration_resubmit", args=[unit.pk])))
    application = Application.objects.filter(unit=unit, campaign_year__year=timezone.localdate().year).first()
    current = HomeItem(
        label=str(_("打开本年度创建申报")) if application else str(_("开始本年度创建申报")),
        url=reverse("assessments:unit_current", args=[unit.pk]),
        note=status_label(application.status, application_rules(application).naming_level_word) if application else "",
    )
    application_items = [current]
    if application is not None and application.status == Status.RETURNED:
        feedback = return_feedback(application)
        application_items.append(HomeItem(label=gettext("查看退回修改意见"),
                                          note=feedback.event.comment if feedback else "",
                                          url=reverse("reviews:feedback", args=[application.pk])))
    sections = [
        HomeSection(title=_("我的单位"), items=items),
        HomeSection(title=_("本年度创建申报"), items=application_items),
        HomeSection(title=_("本年度职工满意度调查"), items=[_survey_item(unit)]),
    ]
    if unit.recognitions.filter(valid_through(timezone.localdate()), status="valid").exists():
        sections.append(HomeSection(title=_("年度工作报告"), items=[
            HomeItem(label=gettext("填报或查看本单位年度工作报告"), url=reverse("named_units:mine"))
        ]))
        sections.append(HomeSection(title=_("称号与激励"), items=[
            *title_home.unit_titles_ending(membership),
            HomeItem(label=gettext("我的称号与复审"), url=reverse("titles:mine")),
            HomeItem(label=gettext("激励政策明白纸"), url=reverse("incentives:mine")),
        ]))
    feedback = title_home.unit_feedback(membership)
    if feedback:
        sections.append(HomeSection(title=_("未通过的书面反馈"), items=feedback))
    tasks = target_home.unit_tasks(membership)
    if tasks:  # only units a township answers for (包保) have tasks
        sections.append(HomeSection(title=_("包保目标任务"), items=tasks))
    return sections


def _survey_item(unit: Unit) -> HomeItem:
    survey = Survey.objects.filter(unit=unit, year=timezone.localdate().year).first()
    if survey is None:
        return HomeItem(label=gettext("发起本年度调查"), url=reverse("surveys:list"), note=gettext("未发起"))
    return HomeItem(
        label=gettext("查看调查、链接和二维码"),
        url=reverse("surveys:detail", args=[survey.pk]),
        note=gettext("%(status)s · 已收答卷 %(n)s 份")
        % {"status": survey.get_status_display(), "n": survey.response_count},
    )


def _naming_sections(membership: Membership) -> list[HomeSection]:
    """Where the county/district names under its policy, its office also confirms and announces."""
    if not names_in_own_county(membership.user):
        return []
    return [HomeSection(title=_("待确认命名的申报"), items=review_home.awaiting_confirmation_kept(membership)),
            HomeSection(title=_("公示中的名单"), items=review_home.notices_running(membership)),
            HomeSection(title=_("待处理的部门异议"), items=opinion_home.objections_pending(membership))]


def _pending_units(membership: Membership) -> list[HomeItem]:
    """The county's registrations waiting for verification; kept per region until one is registered, verified,
    returned or resubmitted (registry.services.pending_units_changed), or a unit is renamed or moved."""
    def read() -> list[HomeItem]:
        pending = Unit.objects.filter(
            subtree_q([membership.region], fields=("region",)), verification_status=VerificationStatus.PENDING
        ).order_by("created_at")[:20]
        return [HomeItem(label=unit.name, note=unit.get_kind_display(),
                         url=reverse("registry:unit_detail", args=[unit.pk])) for unit in pending]

    return region_cached(PENDING_PART, membership.region_id, read)


def _county_admin_sections(membership: Membership) -> list[HomeSection]:
    panel, new_round, decision = review_home.county_queues_kept(membership)
    return [
        HomeSection(title=_("待核验的单位注册"), items=_pending_units(membership)),
        HomeSection(title=_("待组建评估组的申报"), items=panel),
        HomeSection(title=_("退回后待重新评估的申报"), items=new_round),
        HomeSection(title=_("待作出评估结论的申报"), items=decision),
        HomeSection(title=_("待审查的年度工作报告"), items=review_home.reports_to_review(membership)),
        *_naming_sections(membership),
        *_titles_ending_section(membership),
        HomeSection(title=_("帮办代办"), items=title_home.on_behalf(membership)),
        HomeSection(title=_("本月风险事件"), items=risk_home.events_this_month(membership),
                    empty_text=_("本月暂无风险事件。")),
        *_supervision_sections(membership),
        _reports_section(membership),
        HomeSection(title=_("本年度培训宣传与荣誉"), items=offices_home.this_year(membership)),
        HomeSection(title=_("报告任务"), items=duty_home.reports_due(membership),
                    empty_text=_("近期没有到期的报告任务。")),
        *_coordinator_section(membership),
    ]


REPORTS_PART = "home:annual-reports"


def _reports_section(membership: Membership) -> HomeSection:
    """The latest yearly reports of the region, and the way to the statistics dashboard; the reports kept per region
    until one is requested or changes status (``REPORTS_KEY``)."""
    return HomeSection(title=_("年度评估报告"), items=region_cached(
        REPORTS_PART, membership.region_id, lambda: _reports_items(membership), also=(REPORTS_KEY,)))


def _reports_items(membership: Membership) -> list[HomeItem]:
    latest = (AnnualReport.objects.filter(subtree_q([membership.region], fields=("region",)))
              .select_related("region").order_by("-created_at")[:5])
    items = [HomeItem(label=str(_("查看统计分析")), url=reverse("reports:dashboard"))]
    items += [HomeItem(label=f"{report.region.name} {report.year} {report.get_kind_display()} v{report.version}",
                       note=report.get_status_display(), url=reverse("reports:detail", args=[report.pk]))
              for report in latest]
    return items


def _supervision_sections(membership: Membership) -> list[HomeSection]:
    """Rectification items: those overdue at this office, and those it supervised waiting for its acceptance."""
    return [
        HomeSection(title=_("逾期未整改事项"), items=supervision_home.overdue_rectification(membership),
                    empty_text=_("没有逾期未整改的事项。")),
        HomeSection(title=_("待验收的整改事项"), items=supervision_home.rectification_to_accept(membership),
                    empty_text=_("没有待验收的整改事项。")),
    ]


def _titles_ending_section(membership: Membership) -> list[HomeSection]:
    items = title_home.county_titles_ending(membership)
    return [HomeSection(title=_("即将到期的称号"), items=items)] if items else []


def _coordinator_section(membership: Membership) -> list[HomeSection]:
    """Shown only where the policy requires certified coordinators of named units (天津市河东区)."""
    items = duty_home.coordinator_gaps(membership)
    return [HomeSection(title=_("命名单位配备协调员"), items=items)] if items else []


SECTION_BUILDERS = {
    Role.UNIT_REP: _unit_rep_sections,
    Role.TOWNSHIP_STAFF: lambda m: [
        HomeSection(title=_("待测评的申报"), items=review_home.awaiting_precheck(m)),
        HomeSection(title=_("逾期未整改事项"), items=supervision_home.overdue_rectification(m),
                    empty_text=_("没有逾期未整改的事项。")),
        HomeSection(title=_("帮办代办"), items=title_home.on_behalf(m)),
        HomeSection(title=_("本乡镇(街道)目标任务"), items=[
            *target_home.place_tasks(m),
            HomeItem(label=gettext("全部目标任务与包保用人单位"),
                     url=f"{reverse('reports:targets')}?region={m.region_id}")]),
    ],
    Role.COUNTY_REVIEWER: lambda m: [HomeSection(title=_("待我评分的申报"), items=review_home.awaiting_my_sheet(m))],
    Role.COUNTY_ADMIN: _county_admin_sections,
    Role.CITY_ADMIN: lambda m: [
        HomeSection(title=_("待市级确认的申报"), items=review_home.awaiting_confirmation_kept(m)),
        HomeSection(title=_("公示中的名单"), items=review_home.notices_running(m)),
        HomeSection(title=_("待处理的公示异议"), items=review_home.objections_pending(m)),
        HomeSection(title=_("待处理的部门异议"), items=opinion_home.objections_pending(m)),
        HomeSection(title=_("待处理的取消命名案件"), items=revocation_home.open_cases(m)),
        HomeSection(title=_("待验收的整改事项"), items=supervision_home.rectification_to_accept(m),
                    empty_text=_("没有待验收的整改事项。")),
        *_titles_ending_section(m),
        _reports_section(m),
        HomeSection(title=_("本年度培训宣传与荣誉"), items=offices_home.this_year(m)),
        HomeSection(title=_("报告任务"), items=duty_home.reports_due(m), empty_text=_("近期没有到期的报告任务。")),
        *_coordinator_section(m),
    ],
    Role.COORDINATOR: lambda m: [HomeSection(title=_("我负责指导的单位"), items=cultivation_home.my_targets(m),
                                             empty_text=_("暂无。台账中关联了您的账号后，这里列出您负责指导的培育对象。"))],
    Role.DEPARTMENT_STAFF: lambda m: [HomeSection(
        title=_("待答复的征求意见"), items=opinion_home.requests_awaiting(m),
        empty_text=_("暂无。三方办公室公示前征求本部门意见时，这里列出待答复的名单。"))],
    Role.SYSTEM_ADMIN: lambda m: [
        HomeSection(title=_("系统管理"), items=[HomeItem(label=str(_("进入后台管理")), url="/admin/")])
    ],
    Role.SECURITY_ADMIN: lambda m: [HomeSection(title=_("安全管理"), items=[
        HomeItem(label=str(_("统一身份认证账号")), url=reverse("accounts:identity_list")),
        HomeItem(label=str(_("登录锁定")), url=reverse("accounts:lockouts"))])],
    Role.AUDIT_ADMIN: lambda m: [HomeSection(title=_("安全审计"), items=[
        HomeItem(label=str(_("变更记录")), url=reverse("audit:list")),
        HomeItem(label=str(_("登录与账号安全记录")), url=reverse("audit:account_events"))])],
}


@dataclass
class RoleHome:
    membership: Membership
    sections: list[HomeSection]


def home_for(user) -> list[RoleHome]:
    return [RoleHome(membership=m, sections=SECTION_BUILDERS[m.role](m)) for m in memberships_of(user)]
