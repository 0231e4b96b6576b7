"""The models of an application's path that the audit trail follows (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from apps.audit.tracked import Scope, Tracked
from apps.standards.scoring import answer_text


def of_application(application) -> Scope:
    return Scope(region_id=application.region_id, application_id=application.pk)  # its copy of the unit's county


def of_recognition(recognition) -> Scope:
    return Scope(region_id=recognition.unit.region_id, application_id=recognition.application_id)


def _score_value(value) -> str:
    """An answer or a score as the form showed it: a veto item's "yes"/"no" as 是/否, a number as typed."""
    return answer_text(value)


ROWS = (
    # Its copies of the unit's county, township and name are the unit's, whose own trail records their changes.
    Tracked("applications.Application", _("创建申报"), of_application,
            exclude=("created_at", "updated_at", "region", "township", "unit_name")),
    Tracked("applications.Answer", _("自评答案"), lambda o: of_application(o.application),
            exclude=("updated_at",), labels={"application": _("创建申报")}, formats={"value": _score_value}),
    Tracked("applications.Evidence", _("佐证材料"), lambda o: of_application(o.application),
            exclude=("file", "uploaded_at", "sha256"),
            labels={"application": _("创建申报"), "uploaded_by": _("上传人")}),
    Tracked("applications.ReviewPanel", _("三方评估组"), lambda o: of_application(o.application),
            exclude=("formed_at",), labels={"application": _("创建申报"), "formed_by": _("组建人")}),
    Tracked("applications.PanelMember", _("评估组成员"), lambda o: of_application(o.panel.application),
            labels={"panel": _("三方评估组")}),
    Tracked("applications.MemberScore", _("成员评分"), lambda o: of_application(o.member.panel.application),
            labels={"member": _("评估组成员"), "criterion": _("评价条目")}, formats={"value": _score_value}),
    Tracked("applications.LevelScore", _("测评/复核评分"), lambda o: of_application(o.application),
            exclude=("updated_at",), formats={"value": _score_value},
            labels={"application": _("创建申报"), "criterion": _("评价条目"), "by": _("评分人")}),
    Tracked("applications.ItemComment", _("逐项修改意见"), lambda o: of_application(o.application),
            exclude=("created_at",),
            labels={"application": _("创建申报"), "criterion": _("评价条目"), "by": _("提出人")}),
    Tracked("applications.Inspection", _("实地核查记录"), lambda o: of_application(o.application),
            exclude=("created_at",), labels={"application": _("创建申报"), "recorded_by": _("记录人")}),
    Tracked("applications.SpotCheck", _("市级抽查"), lambda o: of_application(o.application),
            labels={"application": _("创建申报"), "by": _("抽查人")}),
    Tracked("applications.Objection", _("公示异议"), lambda o: of_application(o.entry.application),
            # Only the decision: the objector's name, contact and text stay in the objection itself.
            exclude=("entry", "name", "contact", "content", "ip_address", "created_at"),
            labels={"handled_by": _("处理人"), "handled_at": _("处理时间")}),
    Tracked("applications.ProvinceDecision", _("省级审定"), lambda o: of_application(o.application),
            exclude=("forwarded_at", "recorded_at"), labels={"application": _("创建申报")}),
    # Department opinions before the notice (opinions/): who was asked, what each department answered, what the
    # office decided on an objection.
    Tracked("applications.Department", _("征求意见部门"), lambda o: Scope(region_id=o.region_id)),
    Tracked("applications.Consultation", _("征求部门意见"), lambda o: Scope(region_id=o.region_id),
            exclude=("sent_at",), labels={"region": _("命名机关所在地区")}),
    Tracked("applications.ConsultationEntry", _("征求意见的单位"), lambda o: of_application(o.application),
            labels={"consultation": _("征求部门意见")}),
    Tracked("applications.ConsultationRequest", _("部门意见征求函"),
            lambda o: Scope(region_id=o.consultation.region_id), labels={"consultation": _("征求部门意见")}),
    Tracked("applications.DepartmentOpinion", _("部门意见"), lambda o: of_application(o.entry.application),
            labels={"request": _("部门意见征求函"), "entry": _("征求意见的单位")}),
    # The expert pool and its draws (experts/): who was put in the pool, the relations they declared, each draw.
    Tracked("applications.Expert", _("评估专家"), lambda o: Scope(region_id=o.region_id),
            exclude=("created_at",), labels={"region": _("所属地区"), "township": _("所在乡镇(街道)"),
                                             "user": _("评分账号")}),
    Tracked("applications.ExpertRelation", _("专家申报的利害关系"), lambda o: Scope(region_id=o.expert.region_id),
            labels={"expert": _("评估专家")}),
    Tracked("applications.ExpertDraw", _("专家抽取记录"), lambda o: of_application(o.application),
            exclude=("created_at",), labels={"application": _("创建申报"), "by": _("抽取人"),
                                             "replaces": _("替换的专家")}),
    Tracked("applications.Recognition", _("认定命名"), of_recognition, exclude=("created_at",)),
)
