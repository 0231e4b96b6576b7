"""The reports models that the audit trail follows (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from apps.audit.tracked import Scope, Tracked

ROWS = (
    Tracked("reports.ReportDuty", _("报告任务"), lambda o: Scope(region_id=o.policy.region_id)),
    Tracked("reports.Indicator", _("目标责任指标"), lambda o: Scope(region_id=o.region_id)),
    Tracked("reports.IndicatorValue", _("指标目标与完成情况"), lambda o: Scope(region_id=o.region_id),
            exclude=("updated_at", "updated_by")),
    Tracked("reports.TargetTask", _("目标责任任务"), lambda o: Scope(region_id=o.region_id), exclude=("updated_at",)),
)
