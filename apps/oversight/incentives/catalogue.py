"""The incentive catalogues the seed documents list, per locality, as their documents state them.

Each measure names the document (and its place) that lists it; eligibility carries only conditions the
document states. 十堰 (a reply to a proposal) and 吉林/长春 list no incentive measure, so they have none.
Loaded by seed_demo (``catalogue_load``) and, before catalogues were per locality, by data migration 0002.
"""

from dataclasses import dataclass

from apps.regions.models import Region

from .models import IncentiveMeasure

LINFEN = "临人社发〔2023〕8号 五(三)"
ZAOZHUANG = "枣人社字〔2023〕34号 三(三)"
# The Hedong plan carries no document number in the published text; it is cited by title and section.
HEDONG = "河东区关于推进新时代和谐劳动关系创建活动工作实施方案"


@dataclass(frozen=True)
class MeasureSpec:
    code: str
    name: str
    department: str
    basis: str
    description: str
    enterprises_only: bool = True
    min_title_level: str = ""
    # 临汾 requires "符合守法诚信等级要求" without naming the grade; A (the top grade) is how it is read here.
    min_credit_grade: str = ""
    requires_red_list: bool = False


@dataclass(frozen=True)
class LocalityCatalogue:
    region_code: str
    measures: tuple[MeasureSpec, ...]


_INSPECTIONS = "对达到创建标准且符合守法诚信等级要求的企业，"

CATALOGUES = (
    LocalityCatalogue("141000", (  # 临汾市
        MeasureSpec("fewer-inspections", "减少劳动保障监察日常巡视检查频次", "人力资源社会保障部门（劳动保障监察机构）",
                    LINFEN, f"{_INSPECTIONS}适当减少劳动保障监察日常巡视检查频次。", min_credit_grade="A"),
        MeasureSpec("fewer-si-audits", "减少社会保险稽核日常检查频次", "社会保险经办机构", LINFEN,
                    f"{_INSPECTIONS}适当减少社会保险稽核日常巡视检查频次。", min_credit_grade="A"),
        MeasureSpec("arbitration-green-channel", "劳动争议案件办理绿色通道", "劳动人事争议仲裁院", LINFEN,
                    f"{_INSPECTIONS}劳动争议调解仲裁机构主动上门开展政策调研指导，开辟劳动争议案件办理绿色通道。",
                    min_credit_grade="A"),
        MeasureSpec("public-service-fast-track", "人社公共服务经办快速通道", "人力资源社会保障部门", LINFEN,
                    "对符合条件的企业，优化人社公共服务方式和手段，开通人社公共服务经办快速通道。"),
        MeasureSpec("subsidy-fast-track", "补贴申领快速办理", "人力资源社会保障部门（就业、社保经办）", LINFEN,
                    "优化各项补贴申领和办理流程，及时落实职业培训补贴、失业保险稳岗返还、社会保险补贴等政策。"),
        MeasureSpec("employment-diagnosis", "一对一用工“诊断”", "人力资源社会保障部门（劳动关系科）", LINFEN,
                    "对符合条件的企业，开展一对一用工“诊断”。"),
        MeasureSpec("salary-data", "定制化企业薪酬数据服务", "人力资源社会保障部门", LINFEN,
                    "对符合条件的企业，提供定制化企业薪酬数据服务。"),
        MeasureSpec("award-reference", "荣誉推荐评选重要参考", "总工会、工商联等", LINFEN,
                    "将达到创建标准的企业作为推荐和评选全国五一劳动奖状、全国厂务公开民主管理先进单位和示范单位、"
                    "信用企业、全国企业优秀文化成果、全国就业与社会保障先进民营企业、全国关爱员工优秀民营企业家等"
                    "荣誉的重要参考因素。"),
        MeasureSpec("demonstration-recommendation", "推荐申报全国和谐劳动关系创建示范", "省级协调劳动关系三方",
                    LINFEN, "省级协调劳动关系三方将对全省创建活动成绩突出的单位和个人积极向国家推荐申报"
                    "“全国和谐劳动关系创建示范企业、工业园区”和“全国和谐劳动关系创建工作先进集体、先进个人”。",
                    enterprises_only=False),
        MeasureSpec("material-reward", "物质奖励", "县(市、区)协调劳动关系三方", LINFEN,
                    "有条件的县(市、区)可给予和谐劳动关系创建先进单位和个人一定的物质奖励。", enterprises_only=False),
    )),
    LocalityCatalogue("370400", (  # 枣庄市
        MeasureSpec("zz-national-recommendation", "择优推荐全国和谐劳动关系创建工作先进集体、先进个人表彰",
                    "市人力资源社会保障局、市总工会、市企业联合会/市企业家协会、市工商联", ZAOZHUANG,
                    "对构建和谐劳动关系工作表现突出的工作机构、社会组织、企业、工业园区和乡镇（街道）及其相关工作人员，"
                    "择优推荐参加“全国和谐劳动关系创建工作先进集体、先进个人”表彰。", enterprises_only=False),
        MeasureSpec("zz-provincial-joint", "省级联合激励（省级文明单位创建，省劳模、省五一劳动奖、优秀企业家评选）",
                    "山东省人力资源和社会保障厅等16部门", f"{ZAOZHUANG}；鲁人社函〔2021〕38号",
                    "对达到省级和谐劳动关系标准的企业，在参与省级文明单位创建，省劳动模范、省五一劳动奖、"
                    "优秀企业家评选等方面享受相关激励政策。", min_title_level="province"),
        MeasureSpec("zz-city-joint", "市级联合激励", "按枣人社字〔2022〕49号确定的联合激励部门",
                    f"{ZAOZHUANG}；枣人社字〔2022〕49号",
                    "对达到市级和谐劳动关系标准的企业，按照《枣庄市劳动关系和谐企业和工业园区评价管理办法》"
                    "开展联合激励。", min_title_level="city"),
    )),
    LocalityCatalogue("120102", (  # 天津市河东区
        MeasureSpec("hedong-priority-support", "优先享受扶持政策", "区协调劳动关系三方", f"{HEDONG} 二(四)",
                    "对符合创建标准、经区协调劳动关系三方评估认定的“劳动关系和谐企业”，优先享受扶持政策。"),
        MeasureSpec("hedong-precise-service", "精准服务", "区协调劳动关系三方", f"{HEDONG} 二(四)、三(七)",
                    "为和谐企业提供精准服务。"),
        # The document gives this exemption no credit condition.
        MeasureSpec("hedong-inspection-relief", "检查减免（减少检查频次）", "区协调劳动关系三方",
                    f"{HEDONG} 二(四)、三(七)", "和谐企业享受检查减免，减少检查频次。"),
        MeasureSpec("hedong-awards", "评先评优、评比表彰", "区协调劳动关系三方", f"{HEDONG} 二(四)、三(七)",
                    "和谐企业优先评先评优；定期开展评比表彰。"),
        MeasureSpec("hedong-union-federation-reference", "工会、工商联评选表彰重要参考", "区总工会、区工商联",
                    f"{HEDONG} 三(七)", "将示范企业作为工会、工商联相关评选表彰项目的重要参考因素。"),
    )),
)


def catalogue_of(region_code: str) -> tuple[MeasureSpec, ...]:
    return next((c.measures for c in CATALOGUES if c.region_code == region_code), ())


def catalogue_load(*, region: Region, source_code: str = "") -> int:
    """Create or update ``region``'s measures as its document lists them (or, for generated data, as the
    locality ``source_code``'s does); returns how many. Idempotent."""
    specs = catalogue_of(source_code or region.code)
    for order, spec in enumerate(specs):
        IncentiveMeasure.objects.update_or_create(region=region, code=spec.code, defaults={
            "name": spec.name, "department": spec.department, "basis": spec.basis,
            "description": spec.description, "enterprises_only": spec.enterprises_only,
            "min_title_level": spec.min_title_level, "min_credit_grade": spec.min_credit_grade,
            "requires_red_list": spec.requires_red_list, "sort_order": order * 10,
        })
    return len(specs)


def load_catalogue(measure_model) -> int:
    """Migration 0002's seed, from before catalogues were per locality: every measure without a region
    (migration 0004 then attaches each to its locality, or drops it where that region is not loaded)."""
    count = 0
    for catalogue in CATALOGUES:
        for order, spec in enumerate(catalogue.measures):
            measure_model.objects.update_or_create(code=spec.code, defaults={
                "name": spec.name, "department": spec.department, "enterprises_only": spec.enterprises_only,
                "requires_credit_grade_a": spec.min_credit_grade == "A", "basis": spec.basis,
                "description": spec.description, "sort_order": order * 10,
            })
            count += 1
    return count
