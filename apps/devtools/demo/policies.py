"""The five seed localities' campaign policies for seed_demo, with only what their documents say.

Sources: ../shared/seeds/000 (临汾), 001 (枣庄), 002 (十堰), 003 (吉林, reprinted in 长春), 004 (天津河东) and
../shared/reference/domain-notes.md. A rule a document does not set stays empty (no validity, no satisfaction
threshold, no required uploads, no title wording): the portal then imposes none, or shows its generic wording.
Notice length has no empty value; none of the documents fixes one, so it keeps the portal's 5 working days.
The workflow of naming level, province decision and revocation chain is another part's; here they are stored.
Idempotent: each version is updated in place.
"""

from apps.accounts.models import Party, User
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.campaigns.services import policy_save
from apps.regions.models import Region, RegionLevel

# Every document implements the national opinion of 2023 (人社部发〔2023〕2号) for its campaign 2023–2027.
YEAR = 2023

NATIONAL_FOUR = [{"party": party, "required": True}
                 for party in (Party.HRSS, Party.UNION, Party.CONFEDERATION, Party.FEDERATION)]

POLICIES = {
    # 临人社发〔2023〕8号: the county tripartite body accepts, the city office forwards, "最后经省劳动关系协调三方
    # 研究确定为达标单位的，在全省范围内通报"; a title is withdrawn by the province "报国家协调劳动关系三方同意后".
    "141000": {
        "source_document": "临人社发〔2023〕8号《关于推进新时代和谐劳动关系创建活动的实施方案》",
        "issuing_office": ("临汾市人力资源和社会保障局 临汾市总工会 临汾企业联合会/临汾企业家协会 "
                           "临汾市工商业联合会"),
        "naming_level": NamingLevel.CITY, "province_decides": True,
        "panel_parties": NATIONAL_FOUR,
        "revocation_proposer": RegionLevel.CITY, "revocation_approver": RegionLevel.PROVINCE,
        "revocation_consents": ["国家协调劳动关系三方同意"],
        "revocation_notice": "{unit}因{reason}，经省级协调劳动关系三方报国家协调劳动关系三方同意，取消其{title}命名，"
                             "收回铭牌，并在全省范围内向社会公布。",
    },
    # 枣人社字〔2023〕34号: the city's four parties; enterprises and parks by DB37/T 4077/4076—2020, whose
    # self-evaluation report "应当经本单位职工（代表）大会审议通过" (domain notes §1.1, source A).
    "370400": {
        "source_document": "枣人社字〔2023〕34号（落实鲁人社字〔2023〕37号的实施方案）",
        "issuing_office": ("枣庄市人力资源和社会保障局 枣庄市总工会 枣庄市企业联合会/枣庄市企业家协会 "
                           "枣庄市工商业联合会"),
        "naming_level": NamingLevel.CITY,
        "panel_parties": NATIONAL_FOUR,
        "required_evidence": {
            kind: [{"kind": "congress_approval", "label": "经本单位职工（代表）大会审议通过的自我评价报告"}]
            for kind in ("enterprise", "park")
        },
    },
    # The reply of the 十堰 HRSS office names its 工作方案 without a number; its "市三方四家" are not listed.
    "420300": {
        "source_document": "《十堰市推进新时代和谐劳动关系（和谐企业、和谐工业园区和乡镇街道）创建活动工作方案》",
        "naming_level": NamingLevel.CITY,
    },
    # 吉林's provincial plan (reprinted by 长春): a five-level network down to the 社区; it sets no naming rule.
    "220100": {
        "source_document": "《吉林省劳动关系工作体系建设工程实施方案》",
        "naming_level": NamingLevel.CITY,
    },
    # 河东区: "区协调劳动关系三方定期开展和谐创建活动，命名劳动关系和谐企业"; its enterprise side is
    # "各类企业代表组织（国资、工商联）", led by the district HRSS office ("区协调劳动关系三方四家").
    "120102": {
        "source_document": "《河东区关于推进新时代和谐劳动关系创建活动工作实施方案》（依据津人社办发〔2023〕28号）",
        "issuing_office": "河东区协调劳动关系三方",
        "naming_level": NamingLevel.COUNTY, "title_level": "区级",
        "titles": {"enterprise": "天津市河东区劳动关系和谐企业"},
        "panel_parties": [{"party": party, "required": True}
                          for party in (Party.HRSS, Party.UNION, Party.SASAC, Party.FEDERATION)],
    },
}


def demo_policy(code: str, *, by: User) -> CampaignPolicy:
    """One locality's policy, by the division code of the region that sets it (which must exist)."""
    region = Region.objects.get(code=code)
    policy = CampaignPolicy.objects.filter(region=region, year=YEAR).first() or CampaignPolicy(region=region, year=YEAR)
    for name, value in POLICIES[code].items():
        setattr(policy, name, value)
    policy_save(policy=policy, by=by)
    return policy


def demo_policies(*, by: User) -> list[str]:
    """Each locality's policy (its region must exist: the seed cities' divisions); the lines to print."""
    lines = []
    for code in POLICIES:
        policy = demo_policy(code, by=by)
        lines.append(f"{policy.region.name}：{policy.source_document}")
    return lines
