from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """A public notice (公示) of the applications the city has confirmed."""

    city = models.ForeignKey("regions.Region", verbose_name=_("市"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("公示标题"), max_length=200)
    starts_on = models.DateField(_("公示开始日期"))
    working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"))
    ends_on = models.DateField(_("公示截止日期"))
    contact = models.CharField(_("受理异议联系方式"), max_length=200, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公示")
        verbose_name_plural = _("公示")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class NoticeEntry(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="notice_entries")

    class Meta:
        ordering = ["application__unit__region__path", "application__unit__name"]
        constraints = [models.UniqueConstraint(fields=["notice", "application"], name="notice_entry_unique")]

    def __str__(self) -> str:
        return f"{self.notice} · {self.application}"


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class Objection(models.Model):
    """An objection anyone may raise during a notice; staff decide on it."""

    entry = models.ForeignKey(NoticeEntry, on_delete=models.CASCADE, related_name="objections")
    name = models.CharField(_("姓名（可不填）"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100)
    content = models.TextField(_("异议内容"), max_length=3000)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    status = models.CharField(_("处理结果"), max_length=10, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.PENDING)
    resolution = models.TextField(_("处理意见"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.entry} · {self.get_status_display()}"


class ProvinceOutcome(models.TextChoices):
    PENDING = "pending", _("待省级审定")
    PASSED = "passed", _("省级审定通过")
    NOT_PASSED = "not_passed", _("省级审定未通过")


class ProvinceDecision(models.Model):
    """Where the policy has the province decide (省级审定), the naming office forwards a confirmed application
    and records the province's decision and its document number; only a passed decision opens the notice.

    The province has no user here: the office that forwarded records what the province decided. An application
    sent back and confirmed again is forwarded again; the latest row is the one in force.
    """

    application = models.ForeignKey("applications.Application", verbose_name=_("创建申报"),
                                    on_delete=models.CASCADE, related_name="province_decisions")
    forwarded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报送人"), on_delete=models.PROTECT,
                                     related_name="+")
    forwarded_at = models.DateTimeField(_("报送省级时间"), auto_now_add=True)
    outcome = models.CharField(_("省级审定结果"), max_length=12, choices=ProvinceOutcome.choices,
                               default=ProvinceOutcome.PENDING)
    document_number = models.CharField(_("省级决定文号"), max_length=100, blank=True)
    decided_on = models.DateField(_("省级决定日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("省级审定")
        verbose_name_plural = _("省级审定")
        ordering = ["-forwarded_at", "-pk"]
        constraints = [
            # One forward waits at a time: a second one is refused until the first is decided.
            models.UniqueConstraint(fields=["application"], condition=models.Q(outcome="pending"),
                                    name="provincedecision_one_pending_per_application"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.get_outcome_display()}"
