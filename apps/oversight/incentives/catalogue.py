"""The incentive catalogue taken from the seed documents; loaded by a data migration and by seed_demo."""

LINFEN = "临汾市实施方案 五(三)"
ZAOZHUANG = "枣庄市实施方案 三(三)"
HEDONG = "河东区实施方案 二(四)、三(七)"

MEASURES = [
    ("fewer-inspections", "减少劳动保障监察日常巡视检查频次", "人力资源社会保障部门（劳动保障监察机构）", True, True,
     f"{LINFEN}；{HEDONG}", "对达到创建标准且符合守法诚信等级要求的企业，适当减少劳动保障监察日常巡视检查频次。"),
    ("fewer-si-audits", "减少社会保险稽核日常检查频次", "社会保险经办机构", True, True, LINFEN,
     "对达到创建标准且符合守法诚信等级要求的企业，适当减少社会保险稽核日常巡视检查频次。"),
    ("arbitration-green-channel", "劳动争议案件办理绿色通道", "劳动人事争议仲裁院", True, True, LINFEN,
     "劳动争议调解仲裁机构主动上门开展政策调研指导，开辟劳动争议案件办理绿色通道。"),
    ("public-service-fast-track", "人社公共服务经办快速通道", "人力资源社会保障部门", True, False, LINFEN,
     "优化人社公共服务方式和手段，开通人社公共服务经办快速通道。"),
    ("subsidy-fast-track", "补贴申领快速办理", "人力资源社会保障部门（就业、社保经办）", True, False, LINFEN,
     "优化各项补贴申领和办理流程，及时落实职业培训补贴、失业保险稳岗返还、社会保险补贴等政策。"),
    ("employment-diagnosis", "一对一用工“诊断”", "人力资源社会保障部门（劳动关系科）", True, False, LINFEN,
     "开展一对一用工“诊断”。"),
    ("salary-data", "定制化企业薪酬数据服务", "人力资源社会保障部门", True, False, LINFEN,
     "提供定制化企业薪酬数据服务。"),
    ("award-reference", "荣誉推荐评选重要参考", "总工会、工商联等", True, False, f"{LINFEN}；{HEDONG}",
     "作为推荐和评选全国五一劳动奖状、全国厂务公开民主管理先进单位和示范单位、信用企业、全国企业优秀文化成果、"
     "全国就业与社会保障先进民营企业、全国关爱员工优秀民营企业家等荣誉的重要参考因素。"),
    ("demonstration-recommendation", "推荐申报全国和谐劳动关系创建示范", "省级协调劳动关系三方", False, False,
     f"{LINFEN}；{ZAOZHUANG}",
     "向国家推荐申报“全国和谐劳动关系创建示范企业、工业园区”和“全国和谐劳动关系创建工作先进集体、先进个人”。"),
    ("provincial-joint-incentives", "省级联合激励（文明单位、劳模、五一劳动奖、优秀企业家）",
     "省人社厅等16部门",
     True, False, ZAOZHUANG,
     "在参与省级文明单位创建，省劳动模范、省五一劳动奖、优秀企业家评选等方面享受相关激励政策。"),
    ("priority-support", "优先享受扶持政策和精准服务", "区协调劳动关系三方", False, False, HEDONG,
     "优先享受扶持政策、精准服务、检查减免、评先评优等各项激励政策。"),
    ("material-reward", "物质奖励", "县(市、区)协调劳动关系三方", False, False, LINFEN,
     "有条件的县(市、区)可给予和谐劳动关系创建先进单位和个人一定的物质奖励。"),
]


def load_catalogue(measure_model) -> int:
    """Create or update the seeded measures; returns how many there are."""
    for order, (code, name, department, enterprises_only, grade_a, basis, description) in enumerate(MEASURES):
        measure_model.objects.update_or_create(code=code, defaults={
            "name": name, "department": department, "enterprises_only": enterprises_only,
            "requires_credit_grade_a": grade_a, "basis": basis, "description": description,
            "sort_order": order * 10,
        })
    return len(MEASURES)
