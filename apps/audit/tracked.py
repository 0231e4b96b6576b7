"""Which models the audit trail follows, and where each change belongs.

Every entry is stored with the region (the unit's county, or the rule's
city) and the application it concerns, so the viewer can scope entries by
jurisdiction with one indexed prefix match and list an application's
history without knowing every model. A model is followed by adding a row
here; ``apps.audit.apps`` registers the rows with django-auditlog.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Scope:
    region_id: int | None
    application_id: int | None = None


def _of_application(application) -> Scope:
    return Scope(region_id=application.unit.region_id, application_id=application.pk)


def _of_recognition(recognition) -> Scope:
    return Scope(region_id=recognition.unit.region_id, application_id=recognition.application_id)


def _risk_kinds(value) -> str:
    from apps.oversight.risks.models import RiskKind

    labels = dict(RiskKind.choices)
    return "、".join(str(labels.get(kind, kind)) for kind in value or [])


def _score_value(value) -> str:
    """An answer or a score as the form showed it: a veto item's "yes"/"no" as 是/否, a number as typed."""
    from apps.standards.scoring import answer_text

    return answer_text(value)


@dataclass(frozen=True)
class Tracked:
    model: str
    label: str
    scope: Callable[[models.Model], Scope]
    # Bookkeeping columns (timestamps the entry carries anyway, file paths that are random names).
    exclude: tuple[str, ...] = ()
    # Chinese names for fields that have no verbose_name of their own.
    labels: dict[str, str] = field(default_factory=dict)
    # Field name → function turning a stored value into the text a person reads.
    formats: dict[str, Callable] = field(default_factory=dict)

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def include_fields(self) -> list[str]:
        return [f.name for f in self.model_class._meta.concrete_fields
                if not f.primary_key and f.name not in self.exclude]


TRACKED: tuple[Tracked, ...] = (
    Tracked("applications.Application", _("创建申报"), _of_application, exclude=("created_at", "updated_at")),
    Tracked("applications.Answer", _("自评答案"), lambda o: _of_application(o.application),
            exclude=("updated_at",), labels={"application": _("创建申报")}, formats={"value": _score_value}),
    Tracked("applications.Evidence", _("佐证材料"), lambda o: _of_application(o.application),
            exclude=("file", "uploaded_at", "sha256"),
            labels={"application": _("创建申报"), "uploaded_by": _("上传人")}),
    Tracked("applications.ReviewPanel", _("三方评估组"), lambda o: _of_application(o.application),
            exclude=("formed_at",), labels={"application": _("创建申报"), "formed_by": _("组建人")}),
    Tracked("applications.PanelMember", _("评估组成员"), lambda o: _of_application(o.panel.application),
            labels={"panel": _("三方评估组")}),
    Tracked("applications.MemberScore", _("成员评分"), lambda o: _of_application(o.member.panel.application),
            labels={"member": _("评估组成员"), "criterion": _("评价条目")}, formats={"value": _score_value}),
    Tracked("applications.LevelScore", _("测评/复核评分"), lambda o: _of_application(o.application),
            exclude=("updated_at",), formats={"value": _score_value},
            labels={"application": _("创建申报"), "criterion": _("评价条目"), "by": _("评分人")}),
    Tracked("applications.ItemComment", _("逐项修改意见"), lambda o: _of_application(o.application),
            exclude=("created_at",),
            labels={"application": _("创建申报"), "criterion": _("评价条目"), "by": _("提出人")}),
    Tracked("applications.Inspection", _("实地核查记录"), lambda o: _of_application(o.application),
            exclude=("created_at",), labels={"application": _("创建申报"), "recorded_by": _("记录人")}),
    Tracked("applications.SpotCheck", _("市级抽查"), lambda o: _of_application(o.application),
            labels={"application": _("创建申报"), "by": _("抽查人")}),
    Tracked("applications.Objection", _("公示异议"), lambda o: _of_application(o.entry.application),
            # Only the decision: the objector's name, contact and text stay in the objection itself.
            exclude=("entry", "name", "contact", "content", "ip_address", "created_at"),
            labels={"handled_by": _("处理人"), "handled_at": _("处理时间")}),
    Tracked("applications.Recognition", _("认定命名"), _of_recognition, exclude=("created_at",)),
    Tracked("oversight.IncentiveGrant", _("激励落实"), lambda o: _of_recognition(o.recognition),
            exclude=("created_at",)),
    Tracked("oversight.RevocationRule", _("取消命名规则"), lambda o: Scope(region_id=o.city_id),
            exclude=("updated_at",), formats={"kinds": _risk_kinds}),
    Tracked("oversight.RevocationCase", _("取消命名案件"), lambda o: _of_recognition(o.recognition)),
    Tracked("oversight.RiskEvent", _("风险事件"), lambda o: Scope(region_id=o.unit.region_id),
            exclude=("created_at",)),
    # Who linked which platform identity to which account: read by system admins (no region).
    Tracked("accounts.ExternalIdentity", _("统一身份认证账号"), lambda o: Scope(region_id=None),
            exclude=("first_seen_at", "last_seen_at")),
    Tracked("registry.Coordinator", _("劳动关系协调员"), lambda o: Scope(region_id=o.region_id),
            exclude=("created_at", "updated_at")),
)

_BY_MODEL: dict[str, Tracked] = {t.model.lower(): t for t in TRACKED}


def tracked_for(model: type[models.Model]) -> Tracked | None:
    return _BY_MODEL.get(model._meta.label_lower)


def scope_of(instance: models.Model) -> Scope:
    """The region and application a change of ``instance`` belongs to; an untracked model has none."""
    tracked = tracked_for(type(instance))
    return tracked.scope(instance) if tracked else Scope(region_id=None)
