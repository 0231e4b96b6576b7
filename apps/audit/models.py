from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .tracked import scope_of


class AuditEntryManager(LogEntryManager):
    """django-auditlog's manager, filling in the region and application each entry concerns."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        if kwargs.get("changes") is not None or force_log:
            kwargs = _scope_fields(instance) | kwargs
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        kwargs = _scope_fields(instance) | kwargs
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)


def _scope_fields(instance) -> dict:
    scope = scope_of(instance)
    return {"region_id": scope.region_id, "application_id": scope.application_id}


class AuditEntry(AbstractLogEntry):
    """One recorded change (django-auditlog's log entry) with the jurisdiction it belongs to.

    Entries are only ever inserted: no view changes or deletes them, the
    Django admin shows them read-only, and on PostgreSQL a trigger refuses
    any UPDATE or DELETE of a row (migration 0002).
    """

    # An author's entries outlive nothing about them: a user who changed anything is deactivated, not deleted.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("regions.Region", verbose_name=_("所属地区"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    # A plain number, not a foreign key: the history must outlive the application it describes.
    application_id = models.PositiveBigIntegerField(_("相关申报编号"), null=True, blank=True, db_index=True)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("变更记录")
        verbose_name_plural = _("变更记录")
        indexes = [models.Index(fields=["region", "-timestamp"], name="auditentry_region_time")]
