from auditlog.signals import post_log

from .models import EntryScope
from .tracked import scope_of


def record_scope(sender, instance, log_entry=None, log_created=False, **kwargs) -> None:
    """Give every entry django-auditlog writes its region and application."""
    if log_created and log_entry is not None:
        scope = scope_of(instance)
        EntryScope.objects.create(entry=log_entry, region_id=scope.region_id, application_id=scope.application_id)


post_log.connect(record_scope, dispatch_uid="audit.record_scope")
