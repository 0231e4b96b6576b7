from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryScope(models.Model):
    """Where one django-auditlog entry belongs: the region (for jurisdiction) and the application it concerns.

    Written with the entry (``apps.audit.receivers``), so the viewer scopes
    entries by jurisdiction with one indexed prefix match and lists an
    application's history without knowing every model. Like the entries,
    scopes are only ever inserted; on PostgreSQL a trigger refuses any UPDATE
    or DELETE of either (migration 0002).
    """

    entry = models.OneToOneField("auditlog.LogEntry", primary_key=True, on_delete=models.CASCADE,
                                 related_name="scope")
    region = models.ForeignKey("regions.Region", verbose_name=_("所属地区"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    # A plain number, not a foreign key: the history must outlive the application it describes.
    application_id = models.PositiveBigIntegerField(_("相关申报编号"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("变更记录范围")
        verbose_name_plural = _("变更记录范围")

    def __str__(self) -> str:
        return f"{self.entry_id} · {self.region_id} · {self.application_id}"
