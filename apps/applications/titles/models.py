from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleReminder(models.Model):
    """One expiry reminder sent for a title: at most one per title, end date and lead time.

    The row is claimed before the messages go out (unique), so the nightly task sends each reminder once even when
    run twice; a renewed title has a new end date and is reminded again before it.
    """

    recognition = models.ForeignKey("applications.Recognition", verbose_name=_("称号"), on_delete=models.CASCADE,
                                    related_name="expiry_reminders")
    valid_until = models.DateField(_("有效期至"))
    days_before = models.PositiveSmallIntegerField(_("提前天数"))
    sent_on = models.DateField(_("提醒日期"))

    class Meta:
        verbose_name = _("称号到期提醒")
        verbose_name_plural = _("称号到期提醒")
        constraints = [models.UniqueConstraint(fields=["recognition", "valid_until", "days_before"],
                                               name="title_reminder_once")]

    def __str__(self) -> str:
        return f"{self.recognition_id} · {self.days_before}"
