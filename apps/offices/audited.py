"""The offices' models that the audit trail follows (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from apps.audit.tracked import Scope, Tracked

ROWS = (
    Tracked("offices.Training", _("培训宣传活动"), lambda o: Scope(region_id=o.region_id),
            exclude=("created_at", "updated_at")),
    Tracked("offices.TrainingMaterial", _("活动材料"), lambda o: Scope(region_id=o.training.region_id),
            exclude=("uploaded_at", "file")),
    Tracked("offices.Honour", _("荣誉推荐"), lambda o: Scope(region_id=o.region_id),
            exclude=("created_at", "updated_at")),
)
