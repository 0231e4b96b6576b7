"""Demo of the expert pool (专家库) for seed_demo.

The demo county keeps two experts per party, each with a scoring account (the county's reviewer and a second
reviewer of the same party, so one who declines can be replaced); the city's pool has one expert per party
without an account (listed, never drawn) and one who declared a relation to the demo enterprise. With these the
county office can draw the panel of its submitted application on the review page. Idempotent.
"""

from apps.accounts.models import Party, Role, User
from apps.accounts.services import membership_grant, user_get_or_create
from apps.applications.experts.models import Expert, ExpertRelation
from apps.regions.models import Region

SLUGS = {Party.HRSS: "hrss", Party.UNION: "union", Party.CONFEDERATION: "conf", Party.FEDERATION: "fed"}
EMPLOYERS = {Party.HRSS: "人力资源和社会保障局", Party.UNION: "总工会", Party.CONFEDERATION: "企业联合会",
             Party.FEDERATION: "工商业联合会"}
SURNAMES = {Party.HRSS: "王", Party.UNION: "李", Party.CONFEDERATION: "张", Party.FEDERATION: "刘"}


def reviewer_full_name(county: str, party: str, number: int = 1) -> str:
    """A demo reviewer's name (尧都区评估人员李一), the person's expert being 李一（演示）: without the party, which
    every page, sheet and export that names a reviewer adds itself (尧都区评估人员李一（工会）)."""
    return f"{county}评估人员{SURNAMES[party]}{'一二'[number - 1]}"


def demo_experts(*, city: Region, county: Region, password: str) -> list[str]:
    lines = []
    township = county.children.order_by("pk").first()
    for party, slug in SLUGS.items():
        first = User.objects.get(username=f"reviewer_{slug}_{county.code}")
        name = reviewer_full_name(county.name, party, 2)
        second, _ = user_get_or_create(username=f"reviewer2_{slug}_{county.code}", password=password, full_name=name)
        if second.full_name != name:  # seeded before the reviewers' names lost their party (…（工会）（工会）)
            second.full_name = name
            second.save(update_fields=["full_name"])
        membership_grant(user=second, role=Role.COUNTY_REVIEWER, region=county, party=party)
        for number, user in ((1, first), (2, second)):
            Expert.objects.get_or_create(
                region=county, name=f"{SURNAMES[party]}{'一二'[number - 1]}（演示）", party=party,
                defaults={"employer": f"{county.name}{EMPLOYERS[party]}", "user": user, "title": "评估专家",
                          "township": township if number == 2 else None})
        Expert.objects.get_or_create(region=city, name=f"{SURNAMES[party]}三（演示）", party=party,
                                     defaults={"employer": f"{city.name}{EMPLOYERS[party]}", "title": "市级专家"})
    related, created = Expert.objects.get_or_create(
        region=city, name="赵四（演示）", party=Party.CONFEDERATION,
        defaults={"employer": f"{city.name}企业联合会", "title": "市级专家"})
    if created:
        ExpertRelation.objects.create(expert=related, unit_name=f"{county.name}演示企业有限公司",
                                      relation="曾任该企业顾问")
    lines.append(f"county_admin_{county.code}：评估命名 › 评估专家库（{county.name}每方两名、"
                 f"{city.name}每方一名专家）；在“已提交”的申报上“从专家库随机抽取”组建评估组，专家不能参加时“重新抽取”")
    lines.append(f"reviewer2_{{hrss|union|conf|fed}}_{county.code}：各方第二名专家的评分账号")
    return lines
