"""Department opinions before a notice (征求部门意见): the naming office sends the units it is about to announce to
the departments it chooses; each department answers per unit, by a deadline; an objection is decided like a
public objection."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A department a naming office may consult (市场监管、税务、生态环境…): the office's own list, per region.

    Its staff are users holding the department role (``Role.DEPARTMENT_STAFF``) in the same region; they answer
    what is sent to this department and nothing else.
    """

    region = models.ForeignKey("regions.Region", verbose_name=_("所属地区"), on_delete=models.PROTECT,
                               related_name="+")
    name = models.CharField(_("部门名称"), max_length=100)
    is_active = models.BooleanField(_("可征求意见"), default=True)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("答复人员"), blank=True,
                                   related_name="consulted_departments")

    class Meta:
        verbose_name = _("征求意见部门")
        verbose_name_plural = _("征求意见部门")
        ordering = ["region__path", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class Consultation(models.Model):
    """One round of asking departments about the units the office is about to announce (拟公示名单)."""

    region = models.ForeignKey("regions.Region", verbose_name=_("命名机关所在地区"), on_delete=models.PROTECT,
                               related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    deadline = models.DateField(_("答复截止日期"))
    note = models.TextField(_("说明"), blank=True, max_length=2000)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField(_("发起时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("征求部门意见")
        verbose_name_plural = _("征求部门意见")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ConsultationEntry(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey("applications.Application", verbose_name=_("创建申报"),
                                    on_delete=models.CASCADE, related_name="consultation_entries")

    class Meta:
        ordering = ["application__unit__region__path", "application__unit__name"]
        constraints = [models.UniqueConstraint(fields=["consultation", "application"],
                                               name="consultation_entry_unique")]

    def __str__(self) -> str:
        return f"{self.consultation} · {self.application}"


class ConsultationRequest(models.Model):
    """The consultation as one department receives it; answered once, for every unit at a time."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="requests")
    department = models.ForeignKey(Department, verbose_name=_("部门"), on_delete=models.PROTECT,
                                   related_name="requests")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("答复人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("部门意见征求函")
        verbose_name_plural = _("部门意见征求函")
        ordering = ["department__name"]
        constraints = [models.UniqueConstraint(fields=["consultation", "department"],
                                               name="consultation_request_unique")]

    def __str__(self) -> str:
        return f"{self.consultation} · {self.department}"


class Verdict(models.TextChoices):
    NO_OBJECTION = "none", _("无异议")
    OBJECTION = "objection", _("有异议")


class OpinionStatus(models.TextChoices):
    NOT_NEEDED = "", _("无需处理")
    PENDING = "pending", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class DepartmentOpinion(models.Model):
    """A department's answer about one unit; an objection waits for the office's decision, as a public one does."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="opinions")
    entry = models.ForeignKey(ConsultationEntry, on_delete=models.CASCADE, related_name="opinions")
    verdict = models.CharField(_("意见"), max_length=10, choices=Verdict.choices)
    reasons = models.TextField(_("异议理由"), blank=True, max_length=3000)
    status = models.CharField(_("处理结果"), max_length=10, choices=OpinionStatus.choices, blank=True)
    resolution = models.TextField(_("处理意见"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("部门意见")
        verbose_name_plural = _("部门意见")
        ordering = ["entry__application__unit__name", "request__department__name"]
        constraints = [
            models.UniqueConstraint(fields=["request", "entry"], name="department_opinion_unique"),
            # An objection carries its reasons and is decided; "no objection" has neither.
            models.CheckConstraint(
                condition=(Q(verdict="objection") & ~Q(reasons="") & ~Q(status=""))
                | (Q(verdict="none") & Q(status="")),
                name="department_opinion_objection_has_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request.department} · {self.entry.application} · {self.get_verdict_display()}"
