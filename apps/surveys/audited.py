"""The surveys models that the audit trail follows (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from apps.audit.tracked import Scope, Tracked

ROWS = (
    # Which standard and questionnaire a locality chose: the choosing region's entry.
    Tracked("surveys.StandardInForce", _("适用标准"), lambda o: Scope(region_id=o.region_id),
            exclude=("updated_at",)),
    # A questionnaire belongs to no region: loaded by a city or system administrator, read by the system's auditors.
    Tracked("surveys.SurveyTemplate", _("满意度问卷"), lambda o: Scope(region_id=None), exclude=("loaded_at",)),
)
