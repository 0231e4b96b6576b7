from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "apps.audit"
    label = "audit"
    verbose_name = _("变更记录")

    def ready(self) -> None:
        # Models are importable only once the registry is ready, hence the imports here.
        from . import receivers  # noqa: F401  (connects the scope recorder)
        from .tracked import ACCOUNT_ROWS, track

        track(*ACCOUNT_ROWS)
