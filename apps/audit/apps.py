from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "apps.audit"
    label = "audit"
    verbose_name = _("变更记录")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import receivers  # noqa: F401  (connects the scope recorder)
        from .tracked import TRACKED

        for tracked in TRACKED:
            auditlog.register(tracked.model_class, include_fields=tracked.include_fields(),
                              mapping_fields=dict(tracked.labels))
