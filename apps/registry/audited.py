"""The registry models that the audit trail follows (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from apps.audit.tracked import Scope, Tracked

ROWS = (
    Tracked("registry.Coordinator", _("劳动关系协调员"), lambda o: Scope(region_id=o.region_id),
            exclude=("created_at", "updated_at")),
    Tracked("registry.CreditEvaluation", _("诚信等级评价"), lambda o: Scope(region_id=o.enterprise.unit.region_id),
            exclude=("created_at",)),
    Tracked("registry.RedListEntry", _("守法诚信红名单"), lambda o: Scope(region_id=o.enterprise.unit.region_id),
            exclude=("created_at",)),
)
