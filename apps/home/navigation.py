"""The main navigation, declared once: groups of links, each shown to the roles listed.

A feature adds its link here. Groups with one visible link render as a plain
link; others as a keyboard-accessible Bootstrap dropdown, so the bar stays
short enough for 200 % zoom and on one row at 1280 px for every role in
Chinese and English (tests/e2e/test_navigation_width.py): group names carry
the context "menu" and have their own short English.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.roles import ADMIN_ROLES, APPLICATION_ROLES, APPLICATION_STAFF_ROLES, STAFF_ROLES, Role
from apps.audit.selectors import VIEWER_ROLES as AUDIT_VIEWER_ROLES
from apps.oversight.cultivation.selectors import VIEW_ROLES as CULTIVATION_VIEW_ROLES
from apps.oversight.risks.selectors import VIEW_ROLES as RISK_VIEW_ROLES
from apps.surveys.in_force import READER_ROLES as STANDARD_READER_ROLES

CITY = {Role.CITY_ADMIN}
ANY_ROLE = set(Role)


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    roles: frozenset[str]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavGroup:
    label: str
    links: tuple[NavLink, ...]


def _link(label, url_name, roles) -> NavLink:
    return NavLink(label=label, url_name=url_name, roles=frozenset(roles))


NAVIGATION = (
    NavGroup(pgettext_lazy("menu", "创建申报"), (
        _link(_("创建申报"), "assessments:list", APPLICATION_ROLES),
        _link(_("满意度调查"), "surveys:list", APPLICATION_ROLES),
        _link(_("年度工作报告"), "named_units:mine", {Role.UNIT_REP}),
    )),
    NavGroup(pgettext_lazy("menu", "评估命名"), (
        _link(_("评估验收"), "reviews:queue", {Role.TOWNSHIP_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN}),
        _link(_("市级确认"), "reviews:city_list", CITY),
        _link(_("公示管理"), "notices:manage", CITY),
        _link(_("认定命名"), "recognitions:list", ANY_ROLE),
        _link(_("年度工作报告"), "named_units:report_list", APPLICATION_STAFF_ROLES),
        _link(_("报送省级"), "named_units:province", CITY),
    )),
    NavGroup(pgettext_lazy("menu", "单位与队伍"), (
        _link(_("单位名录"), "registry:unit_list", STAFF_ROLES),
        _link(_("注册核验"), "registry:pending", ADMIN_ROLES),
        _link(_("协调员台账"), "coordinators:list", STAFF_ROLES),
        _link(_("培育"), "cultivation:overview", CULTIVATION_VIEW_ROLES),
    )),
    NavGroup(pgettext_lazy("menu", "动态管理"), (
        _link(_("风险事件"), "risks:list", RISK_VIEW_ROLES),
        _link(_("取消命名"), "revocations:cases", ADMIN_ROLES),
        _link(_("激励措施"), "incentives:catalogue", ADMIN_ROLES),
    )),
    NavGroup(pgettext_lazy("menu", "统计报告"), (
        _link(_("统计分析"), "reports:dashboard", ADMIN_ROLES),
        _link(_("年度报告"), "reports:list", ADMIN_ROLES),
        _link(_("报告文字与典型案例"), "reports:narrative", {Role.COUNTY_ADMIN}),
    )),
    NavGroup(pgettext_lazy("menu", "设置"), (
        _link(_("创建活动年度"), "campaigns:list", CITY),
        _link(_("适用标准"), "surveys:standards", set(STANDARD_READER_ROLES)),
        _link(_("取消命名规则"), "revocations:rules", CITY),
        _link(_("变更记录"), "audit:list", AUDIT_VIEWER_ROLES),
        _link(_("统一身份认证账号"), "accounts:identity_list", {Role.SECURITY_ADMIN}),
        _link(_("登录锁定"), "accounts:lockouts", {Role.SECURITY_ADMIN}),
        _link(_("密码重置"), "accounts:user_list", ADMIN_ROLES),
    )),
)


def navigation_for(roles: set[str]) -> list[tuple[NavGroup, list[NavLink]]]:
    """The groups the user sees, each with only the links their roles allow."""
    visible = []
    for group in NAVIGATION:
        links = [link for link in group.links if link.roles & roles]
        if links:
            visible.append((group, links))
    return visible
