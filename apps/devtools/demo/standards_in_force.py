"""Which standard and questionnaire each demo locality has chosen, as its own document names them.

临汾: its four standards (临人社发〔2023〕8号; example scores, chosen knowingly). 枣庄: the provincial DB37/T 4077—2020
(enterprises) and DB37/T 4076—2020 (parks; townships by reference), loaded only as their public structure and
so marked as examples until the official tables are loaded. 河东区: the Tianjin standard its plan refers to
(津人社办发〔2023〕28号), a placeholder for the same reason. 十堰 and 长春: their documents name no creation
standard, so nothing is chosen and their units are refused, never put on the demonstration standard.
"""

from apps.accounts.models import User
from apps.regions.models import Region
from apps.standards.models import Standard
from apps.surveys.in_force import standard_in_force_save
from apps.surveys.models import StandardInForce, SurveyTemplate

LINFEN_BASIS = "临人社发〔2023〕8号"
ZAOZHUANG_BASIS = "枣人社字〔2023〕34号"
HEDONG_BASIS = "河东区创建活动工作实施方案；津人社办发〔2023〕28号"

# (region code, from year, standard code, questionnaire code or "", basis)
CHOICES = (
    ("141000", 2023, "LF-ENT", "linfen-enterprise-satisfaction", LINFEN_BASIS),
    ("141000", 2023, "LF-PARK", "", LINFEN_BASIS),
    ("141000", 2023, "LF-TOWN", "", LINFEN_BASIS),
    ("141000", 2023, "LF-IND", "", LINFEN_BASIS),
    ("370400", 2023, "DB37-T-4077-2020", "", ZAOZHUANG_BASIS),
    ("370400", 2023, "DB37-T-4076-2020", "", ZAOZHUANG_BASIS),
    ("370400", 2023, "DB37-T-4076-2020-TOWNSHIP", "", f"{ZAOZHUANG_BASIS}：乡镇（街道）参照工业园区标准"),
    ("120102", 2023, "TJ-ENT-PLACEHOLDER", "", HEDONG_BASIS),
)


def demo_standards_in_force(*, by: User, region_codes: tuple[str, ...] | None = None) -> list[str]:
    """Choose each locality's standard (idempotent: an existing choice is left as it is), or only those of
    ``region_codes``; a standard not loaded is skipped. Lines for the printout."""
    lines = []
    for region_code, year, standard_code, questionnaire_code, basis in CHOICES:
        if region_codes is not None and region_code not in region_codes:
            continue
        region = Region.objects.get(code=region_code)
        standard = Standard.objects.filter(code=standard_code).order_by("-loaded_at").first()
        questionnaire = (SurveyTemplate.objects.filter(code=questionnaire_code).order_by("-loaded_at").first()
                         if questionnaire_code else None)
        if standard is None:
            continue
        exists = StandardInForce.objects.filter(region=region, year=year, unit_kind=standard.unit_kind,
                                                enterprise_size="", industry=None).exists()
        if not exists:
            standard_in_force_save(region=region, year=year, unit_kind=standard.unit_kind, standard=standard,
                                   questionnaire=questionnaire, basis=basis, example_confirmed=True, by=by)
        lines.append(f"{region.name} {standard.get_unit_kind_display()}：{standard.title}")
    return lines
