"""The standards models that the audit trail follows (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from apps.audit.tracked import Scope, Tracked

ROWS = (
    # A loaded standard version: the entry of the region it was made for (none for a general one).
    Tracked("standards.Standard", _("创建标准"), lambda o: Scope(region_id=o.locality_id), exclude=("loaded_at",)),
)
