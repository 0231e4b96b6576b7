"""The main navigation, declared once: groups of links, each shown to the roles listed.

A feature adds its link here. Groups with one visible link render as a plain
link; others as a keyboard-accessible Bootstrap dropdown, so the bar stays
short enough for 200 % zoom and on one row at 1280 px for every role in
Chinese and English (tests/e2e/test_navigation_width.py): group names carry
the context "menu" and have their own short English.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.roles import (
    ADMIN_ROLES,
    APPLICATION_ROLES,
    APPLICATION_STAFF_ROLES,
    CAMPAIGN_ROLES,
    ON_BEHALF_ROLES,
    STAFF_ROLES,
    Role,
)
from apps.applications.workflow.offices import names_in_own_county
from apps.audit.selectors import VIEWER_ROLES as AUDIT_VIEWER_ROLES
from apps.campaigns.selectors import POLICY_READER_ROLES
from apps.offices.honours.selectors import VIEW_ROLES as HONOUR_VIEW_ROLES
from apps.offices.training.selectors import VIEW_ROLES as TRAINING_VIEW_ROLES
from apps.oversight.cultivation.selectors import VIEW_ROLES as CULTIVATION_VIEW_ROLES
from apps.oversight.risks.selectors import VIEW_ROLES as RISK_VIEW_ROLES
from apps.oversight.supervision.selectors import VIEW_ROLES as SUPERVISION_VIEW_ROLES
from apps.registry.credit.selectors import RED_LIST_VIEW_ROLES
from apps.surveys.in_force import READER_ROLES as STANDARD_READER_ROLES

CITY = {Role.CITY_ADMIN}
ANY_ROLE = set(CAMPAIGN_ROLES)


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    roles: frozenset[str]
    # A further test of the user, for links that follow a locality's policy (a district that names).
    when: Callable[[User], bool] | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class NavGroup:
    label: str
    links: tuple[NavLink, ...]


def _link(label, url_name, roles, when=None) -> NavLink:
    return NavLink(label=label, url_name=url_name, roles=frozenset(roles), when=when)


NAVIGATION = (
    NavGroup(pgettext_lazy("menu", "创建申报"), (
        _link(_("创建申报"), "assessments:list", APPLICATION_ROLES),
        _link(_("满意度调查"), "surveys:list", APPLICATION_ROLES),
        _link(_("年度工作报告"), "named_units:mine", {Role.UNIT_REP}),
        _link(_("我的称号与复审"), "titles:mine", {Role.UNIT_REP}),
        _link(_("激励政策明白纸"), "incentives:mine", {Role.UNIT_REP}),
        _link(_("帮办代办"), "assessments:on_behalf", ON_BEHALF_ROLES),
    )),
    NavGroup(pgettext_lazy("menu", "评估命名"), (
        _link(_("评估验收"), "reviews:queue", {Role.TOWNSHIP_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN}),
        _link(_("评估专家库"), "experts:list", ADMIN_ROLES),
        _link(_("市级确认"), "reviews:city_list", CITY),
        # Where the policy has the county/district name, its office confirms and announces (same pages).
        _link(_("命名确认"), "reviews:city_list", {Role.COUNTY_ADMIN}, when=names_in_own_county),
        _link(_("公示管理"), "notices:manage", CITY),
        _link(_("公示管理"), "notices:manage", {Role.COUNTY_ADMIN}, when=names_in_own_county),
        _link(_("征求部门意见"), "opinions:list", CITY),
        _link(_("征求部门意见"), "opinions:list", {Role.COUNTY_ADMIN}, when=names_in_own_county),
        # A department consulted before a notice sees this one link and nothing else of the campaign.
        _link(_("征求意见"), "opinions:inbox", {Role.DEPARTMENT_STAFF}),
        _link(_("认定命名"), "recognitions:list", ANY_ROLE),
        _link(_("年度工作报告"), "named_units:report_list", APPLICATION_STAFF_ROLES),
        _link(_("报送省级"), "named_units:province", CITY),
        # Every staff member reads the rules they work under; in this group so that no role gets a new menu.
        _link(_("创建活动政策"), "campaigns:policy", POLICY_READER_ROLES),
    )),
    NavGroup(pgettext_lazy("menu", "单位与队伍"), (
        _link(_("单位名录"), "registry:unit_list", STAFF_ROLES),
        _link(_("注册核验"), "registry:pending", ADMIN_ROLES),
        _link(_("协调员台账"), "coordinators:list", STAFF_ROLES),
        _link(_("缺少持证协调员"), "named_units:coordinator_gaps", ADMIN_ROLES),
        _link(_("守法诚信红名单"), "registry:red_list", RED_LIST_VIEW_ROLES),
        _link(_("培育"), "cultivation:overview", CULTIVATION_VIEW_ROLES),
        _link(_("培训宣传"), "training:list", TRAINING_VIEW_ROLES),
        _link(_("荣誉推荐"), "honours:list", HONOUR_VIEW_ROLES),
    )),
    NavGroup(pgettext_lazy("menu", "动态管理"), (
        _link(_("风险事件"), "risks:list", RISK_VIEW_ROLES),
        _link(_("取消命名"), "revocations:cases", ADMIN_ROLES),
        _link(_("激励措施"), "incentives:catalogue", ADMIN_ROLES),
        _link(_("检查督导"), "supervision:list", SUPERVISION_VIEW_ROLES),
        _link(_("命名单位核查"), "title_checks:list", ADMIN_ROLES),
        # A township's staff report on their tasks and assign their units' here (the offices, under 统计报告).
        _link(_("目标责任任务"), "reports:targets", {Role.TOWNSHIP_STAFF}),
        _link(_("即将到期的称号"), "titles:ending", ADMIN_ROLES),
    )),
    NavGroup(pgettext_lazy("menu", "统计报告"), (
        _link(_("统计分析"), "reports:dashboard", ADMIN_ROLES),
        _link(_("年度报告"), "reports:list", ADMIN_ROLES),
        _link(_("报告文字与典型案例"), "reports:narrative", {Role.COUNTY_ADMIN}),
        _link(_("报告任务"), "reports:duties", ADMIN_ROLES),
        _link(_("目标责任指标"), "reports:indicators", ADMIN_ROLES),
        _link(_("目标责任任务"), "reports:targets", ADMIN_ROLES),
    )),
    NavGroup(pgettext_lazy("menu", "设置"), (
        _link(_("创建活动年度"), "campaigns:list", CITY),
        # A district that names runs its own campaign, so its office sets its own calendar.
        _link(_("创建活动年度"), "campaigns:list", {Role.COUNTY_ADMIN}, when=names_in_own_county),
        _link(_("适用标准"), "surveys:standards", set(STANDARD_READER_ROLES)),
        _link(_("取消命名规则"), "revocations:rules", CITY),
        _link(_("变更记录"), "audit:list", AUDIT_VIEWER_ROLES),
        _link(_("统一身份认证账号"), "accounts:identity_list", {Role.SECURITY_ADMIN}),
        _link(_("登录锁定"), "accounts:lockouts", {Role.SECURITY_ADMIN}),
        _link(_("密码重置"), "accounts:user_list", ADMIN_ROLES),
    )),
)


def navigation_for(roles: set[str], user: User | None = None,
                   passed: frozenset[str] | None = None) -> list[tuple[NavGroup, list[NavLink]]]:
    """The groups the user sees, each with only the links their roles (and, given the user, the links' further
    tests; or ``passed``, the URL names of the conditional links already found to pass) allow."""
    visible = []
    for group in NAVIGATION:
        links = [link for link in group.links if link.roles & roles and _passes(link, user, passed)]
        if links:
            visible.append((group, links))
    return visible


def _passes(link: NavLink, user: User | None, passed: frozenset[str] | None) -> bool:
    if link.when is None:
        return True
    if passed is not None:
        return link.url_name in passed
    return user is None or link.when(user)


def navigation_html(roles: set[str], user: User | None = None) -> SafeString:
    """The menu's items for these roles (templates/partials/nav_items.html), rendered once per process.

    Every signed-in page shows the menu, and it depends only on the roles, the links that follow the user's
    locality policy (tested here, only for the roles they concern), the language and where the portal is
    mounted; rendering it (and reversing its twenty-odd URLs) on each request cost about a tenth of a page
    that shows nothing else.
    """
    passed = frozenset(link.url_name for group in NAVIGATION for link in group.links
                       if link.when is not None and link.roles & roles and user is not None and link.when(user))
    return _navigation_html(frozenset(roles), passed, get_language() or "", get_script_prefix())


@lru_cache(maxsize=512)
def _navigation_html(roles: frozenset[str], passed: frozenset[str], language: str, prefix: str) -> SafeString:
    return render_to_string("partials/nav_items.html", {"navigation": navigation_for(set(roles), passed=passed)})
