"""Idempotent demo data: the seed cities' divisions, one user per role per county of 临汾市, a few units."""

from datetime import date

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation

from apps.accounts.models import Party, Role, User
from apps.accounts.services import membership_grant, user_get_or_create
from apps.campaigns.models import CampaignYear
from apps.devtools.demo.duties import demo_duties
from apps.devtools.demo.experts import demo_experts, reviewer_full_name
from apps.devtools.demo.incentives_localities import demo_incentive_localities
from apps.devtools.demo.offices import demo_offices
from apps.devtools.demo.opinions import demo_opinions
from apps.devtools.demo.policies import demo_policies
from apps.devtools.demo.registry import demo_area_units, demo_enterprise_profile
from apps.devtools.demo.reviews import demo_review_process
from apps.devtools.demo.revocations import demo_dynamic_management
from apps.devtools.demo.standards_in_force import demo_standards_in_force
from apps.devtools.demo.supervision import demo_supervision
from apps.devtools.demo.titles import demo_titles
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import Unit, UnitKind

DEMO_PASSWORD = "Demo-2026-hlr"
DEMO_CITY_CODE = "141000"  # 临汾市
DEMO_REGISTRY_COUNTY = "141002"  # 尧都区: the demo park, township, industry and coordinator
PARTY_SLUGS = {Party.HRSS: "hrss", Party.UNION: "union", Party.CONFEDERATION: "conf", Party.FEDERATION: "fed"}


class Command(BaseCommand):
    help = "载入演示数据（可重复执行）并打印演示账号。"

    @transaction.atomic
    @translation.override("zh-hans")
    def handle(self, *args, **options):
        fixtures = settings.BASE_DIR / "fixtures"
        call_command("import_regions", fixtures / "regions" / "seed_cities.csv", stdout=self.stdout)
        call_command(
            "load_survey_template", fixtures / "surveys" / "linfen_enterprise_satisfaction.yaml",
            stdout=self.stdout,
        )
        city = Region.objects.get(code=DEMO_CITY_CODE)
        logins: list[tuple[str, str]] = []
        password_hash = make_password(DEMO_PASSWORD)

        def account(username: str, label: str, **grant) -> None:
            user, _ = user_get_or_create(username=username, password_hash=password_hash, full_name=label)
            if user.full_name != label:  # seeded before the reviewers' names lost their party (…（工会）（工会）)
                user.full_name = label
                user.save(update_fields=["full_name"])
            membership_grant(user=user, **grant)
            logins.append((username, label))

        admin, created = user_get_or_create(username="sysadmin", password_hash=password_hash, full_name="系统管理员")
        if created:
            admin.is_staff = admin.is_superuser = True
            admin.save(update_fields=["is_staff", "is_superuser"])
        membership_grant(user=admin, role=Role.SYSTEM_ADMIN)
        logins.append(("sysadmin", "系统管理员"))
        account("secadmin", "安全管理员", role=Role.SECURITY_ADMIN)  # 三员分立
        account("auditadmin", "安全审计员", role=Role.AUDIT_ADMIN)
        account("city_admin", f"{city.name}三方办公室", role=Role.CITY_ADMIN, region=city)

        for county in city.children.filter(level=RegionLevel.COUNTY).order_by("code"):
            code = county.code
            account(f"county_admin_{code}", f"{county.name}三方办公室", role=Role.COUNTY_ADMIN, region=county)
            for party, slug in PARTY_SLUGS.items():
                account(
                    f"reviewer_{slug}_{code}",
                    reviewer_full_name(county.name, party),
                    role=Role.COUNTY_REVIEWER,
                    region=county,
                    party=party,
                )
            account(f"coordinator_{code}", f"{county.name}劳动关系协调员", role=Role.COORDINATOR, region=county)
            township = county.children.order_by("pk").first()
            if township is not None:
                account(f"township_{code}", f"{township.name}工作人员", role=Role.TOWNSHIP_STAFF, region=township)
            unit, _ = Unit.objects.get_or_create(
                name=f"{county.name}演示企业有限公司",
                defaults={"kind": UnitKind.ENTERPRISE, "region": county, "township": township},
            )
            account(f"rep_{code}", f"{unit.name}填报人", role=Role.UNIT_REP, unit=unit)
            enterprise = demo_enterprise_profile(unit, county)
            if code == DEMO_REGISTRY_COUNTY:
                demo_area_units(county, township, enterprise)

        call_command("load_standard", settings.BASE_DIR / "fixtures" / "standards", skip_existing=True,
                     stdout=self.stdout)
        in_force = demo_standards_in_force(by=admin)
        self._campaign_year(city)
        policies = demo_policies(by=admin)
        demo_county = Region.objects.get(code=DEMO_REGISTRY_COUNTY)
        localities = demo_incentive_localities(password_hash=password_hash)
        process = demo_review_process(county=demo_county, township=demo_county.children.order_by("pk").first(),
                                      password=DEMO_PASSWORD)
        dynamic = demo_dynamic_management(city=city, city_admin=User.objects.get(username="city_admin"))
        duties = demo_duties(password=DEMO_PASSWORD)
        offices = demo_offices(city=city, county=demo_county,
                               county_admin=User.objects.get(username=f"county_admin_{DEMO_REGISTRY_COUNTY}"),
                               city_admin=User.objects.get(username="city_admin"))
        supervision = demo_supervision()
        opinions = demo_opinions(city=city, county=demo_county, password=DEMO_PASSWORD)
        titles = demo_titles(county=demo_county, township=demo_county.children.order_by("pk").first(),
                             password=DEMO_PASSWORD)
        experts = demo_experts(city=city, county=demo_county, password=DEMO_PASSWORD)

        self.stdout.write(self.style.SUCCESS("演示数据已就绪。所有演示账号的密码均为：" + DEMO_PASSWORD))
        self.stdout.write(
            "账号格式：county_admin_<县区代码>、reviewer_{hrss|union|conf|fed}_<代码>、coordinator_<代码>、"
            "township_<代码>、rep_<代码>；例如尧都区（141002）："
        )
        for username, label in logins:
            if username in {"sysadmin", "secadmin", "auditadmin", "city_admin"} or username.endswith("141002"):
                self.stdout.write(f"  {username:<28} {label}")
        self.stdout.write("评估验收演示（尧都区四家单位，各停在一个环节）：")
        for username, label in process:
            self.stdout.write(f"  {username:<28} {label}")
        code = DEMO_REGISTRY_COUNTY
        for username, step in (
            (f"rep_{code}", "单位自评并提交申报（演示企业尚未申报）"),
            (f"county_admin_{code}", "为“已提交”的申报组建三方评估组；对“评估中”的申报待评分齐后作出结论"),
            (f"reviewer_union_{code} / _conf_ / _fed_", "在工作台“待我评分的申报”中填写评分表"),
            ("city_admin", "确认“县级验收通过”的申报、发布公示、处理异议、命名；报送省级"),
            (f"rep_named_{code}", "查看证书、填报年度工作报告"),
        ):
            self.stdout.write(f"  下一步 {username:<36} {step}")
        self.stdout.write("各地激励措施目录（激励措施页）与十堰诚信等级评价、守法诚信红名单（单位页）：")
        for username, label in localities:
            self.stdout.write(f"  {username:<28} {label}")
        self._section("五地创建活动政策（“评估命名 › 创建活动政策”可查看、市或区三方办公室可修改）：", policies)
        self._section("适用标准（“设置 → 适用标准”；十堰、长春的文件未规定创建标准，未选定，其单位不能开始填报）：",
                      in_force)
        self._section("风险事件与取消命名演示（已命名单位已享受演示激励措施；规则见“取消命名规则”）：", dynamic)
        self.stdout.write("  推送风险事件后运行 `python manage.py revocation_check`，city_admin 在工作台处理案件；"
                          "curl 示例见 README“推送风险事件”。")
        self._section("报告任务、社区、目标责任指标、持证协调员（枣庄市、天津市河东区、长春市）：", duties)
        self._section("培训宣传与荣誉推荐（尧都区与临汾市，本年和上年）：", offices)
        self._section("检查督导与目标责任任务（临汾市、尧都区、长春市）：", supervision)
        self._section("公示前征求部门意见（临汾市）：", opinions)
        self._section("称号到期与复审、帮办代办、未通过反馈、申报进度查询、激励政策明白纸（rep_named_<代码>）：",
                      titles)
        self._section("评估专家库与随机抽取（尧都区、临汾市）：", experts)

    def _section(self, title: str, lines) -> None:
        """One demo module's summary: its title, then its lines indented."""
        self.stdout.write(title)
        for line in lines:
            self.stdout.write(f"  {line}")

    def _campaign_year(self, city: Region) -> None:
        """This year's campaign for the demo city, with the self-evaluation window open today."""
        today = timezone.localdate()
        CampaignYear.objects.update_or_create(
            city=city, year=today.year,
            defaults={
                "self_evaluation_opens": min(today, date(today.year, 1, 1)),
                "self_evaluation_closes": date(today.year, 12, 31),
                "county_review_deadline": date(today.year, 12, 31),
                "city_confirmation_deadline": date(today.year, 12, 31),
            },
        )
