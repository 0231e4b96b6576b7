"""The oversight models that the audit trail follows (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from apps.applications.audited import of_recognition
from apps.audit.tracked import Scope, Tracked

from .risks.models import RiskKind


def _risk_kinds(value) -> str:
    labels = dict(RiskKind.choices)
    return "、".join(str(labels.get(kind, kind)) for kind in value or [])


ROWS = (
    Tracked("oversight.IncentiveMeasure", _("激励措施"), lambda o: Scope(region_id=o.region_id)),
    Tracked("oversight.IncentiveGrant", _("激励落实"), lambda o: of_recognition(o.recognition),
            exclude=("created_at",)),
    Tracked("oversight.RevocationRule", _("取消命名规则"), lambda o: Scope(region_id=o.city_id),
            exclude=("updated_at",), formats={"kinds": _risk_kinds}),
    Tracked("oversight.RevocationCase", _("取消命名案件"), lambda o: of_recognition(o.recognition)),
    Tracked("oversight.RevocationConsent", _("取消命名上级意见"), lambda o: of_recognition(o.case.recognition),
            exclude=("recorded_at",), labels={"case": _("取消命名案件")}),
    Tracked("oversight.RiskEvent", _("风险事件"), lambda o: Scope(region_id=o.region_id),
            exclude=("created_at", "region", "township")),  # the copies of the unit's: its own trail has them
    # Filed under the supervised region: both offices (the supervisor above it and the region's own) read it.
    Tracked("oversight.SupervisionVisit", _("检查督导"), lambda o: Scope(region_id=o.region_id),
            exclude=("created_at",)),
    Tracked("oversight.RectificationItem", _("整改事项"), lambda o: Scope(region_id=o.responsible_id)),
    # Filed under the round's region (the city's, or the one county it covers); each record under its title.
    Tracked("oversight.CheckRound", _("命名单位核查"), lambda o: Scope(region_id=o.region_id),
            exclude=("created_at", "candidates")),
    Tracked("oversight.TitleCheck", _("命名单位核查记录"), lambda o: of_recognition(o.recognition)),
)
