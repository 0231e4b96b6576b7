from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.oversight.risks.models import RiskKind, Severity


class RevocationRule(models.Model):
    """When a named unit's risk events call for a revocation case, as data a city admin edits.

    The rule fires for a valid title of the rule's city when at least
    ``min_count`` events of one of ``kinds`` with severity at least
    ``min_severity`` happened since the naming date — and, with
    ``window_days``, within that many days before the check.
    """

    city = models.ForeignKey("regions.Region", verbose_name=_("适用城市"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(_("规则名称"), max_length=100)
    # A JSON list of RiskKind values (JSON rather than a PostgreSQL array so the
    # embedded SQLite default can migrate; the nightly check reads it with jsonb's ?).
    kinds = models.JSONField(_("事件类型"), default=list)
    min_severity = models.PositiveSmallIntegerField(_("最低严重程度"), choices=Severity.choices,
                                                    default=Severity.MINOR)
    min_count = models.PositiveIntegerField(_("事件数达到"), default=1)
    window_days = models.PositiveIntegerField(
        _("统计天数"), null=True, blank=True,
        help_text=_("只统计检查日前这么多天内的事件；留空表示整个有效期内。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("最后修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("取消命名规则")
        verbose_name_plural = _("取消命名规则")
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="revocationrule_name_unique_per_city"),
            models.CheckConstraint(condition=Q(min_count__gte=1), name="revocationrule_min_count_positive"),
            models.CheckConstraint(condition=Q(window_days__isnull=True) | Q(window_days__gte=1),
                                   name="revocationrule_window_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def kinds_display(self) -> str:
        labels = dict(RiskKind.choices)
        return "、".join(str(labels.get(kind, kind)) for kind in self.kinds)


class CaseStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    CONFIRMED = "confirmed", _("已取消命名")
    DISMISSED = "dismissed", _("不予取消")


class RevocationCase(models.Model):
    """A title a rule has flagged, or an office has proposed to revoke (``proposed_by``: the office of the level
    the policy's ``revocation_proposer`` names), waiting for the deciding office to confirm (revoke) or dismiss."""

    recognition = models.ForeignKey("applications.Recognition", verbose_name=_("称号"), on_delete=models.PROTECT,
                                    related_name="revocation_cases")
    rule = models.ForeignKey(RevocationRule, verbose_name=_("触发规则"), on_delete=models.PROTECT,
                             related_name="cases", null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提出人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    proposal_reason = models.TextField(_("提出取消命名的理由"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    events = models.ManyToManyField("oversight.RiskEvent", verbose_name=_("触发事件"), through="CaseEvent",
                                    related_name="revocation_cases")
    opened_at = models.DateTimeField(_("立案时间"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decision_reason = models.TextField(_("处理意见"), blank=True)
    plaque_recovered_on = models.DateField(_("铭牌收回日期"), null=True, blank=True)
    plaque_note = models.CharField(_("铭牌收回情况"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("取消命名案件")
        verbose_name_plural = _("取消命名案件")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # The nightly check inserts with ON CONFLICT against this index: running it twice opens one case.
            models.UniqueConstraint(fields=["recognition", "rule"], condition=Q(status="open"),
                                    name="revocationcase_one_open_per_title_and_rule"),
            # One open proposal per title (the nightly check's cases carry a rule, a proposal none).
            models.UniqueConstraint(fields=["recognition"], condition=Q(status="open", rule__isnull=True),
                                    name="revocationcase_one_open_proposal_per_title"),
            models.CheckConstraint(condition=Q(rule__isnull=False) | Q(proposed_by__isnull=False),
                                   name="revocationcase_rule_or_proposer"),
        ]
        indexes = [models.Index(fields=["status", "opened_at"])]

    def __str__(self) -> str:
        return f"{self.recognition} · {self.rule or self.proposed_by}"


class CaseEvent(models.Model):
    # No index of its own: the unique (case, event) index starts with case and serves those lookups, and
    # the nightly check writes one row here per triggering event.
    case = models.ForeignKey(RevocationCase, on_delete=models.CASCADE, related_name="+", db_index=False)
    event = models.ForeignKey("oversight.RiskEvent", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "event"], name="caseevent_unique")]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.event_id}"


class RevocationConsent(models.Model):
    """A higher level's decision or consent that the locality's policy requires before a revocation takes effect
    (e.g. 省级审核同意, 国家同意), recorded by the deciding office: who gave it, when, under which document number."""

    case = models.ForeignKey(RevocationCase, verbose_name=_("取消命名案件"), on_delete=models.CASCADE,
                             related_name="consents")
    name = models.CharField(_("意见事项"), max_length=100)
    given_by = models.CharField(_("出具机关"), max_length=200)
    given_on = models.DateField(_("出具日期"))
    document_number = models.CharField(_("文号"), max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("取消命名上级意见")
        verbose_name_plural = _("取消命名上级意见")
        ordering = ["recorded_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "name"], name="revocationconsent_once_per_case")]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.name}"


class CaseAction(models.TextChoices):
    OPENED = "opened", _("立案")
    PROPOSED = "proposed", _("提出取消命名")
    CONSENT = "consent", _("登记上级意见")
    CONFIRMED = "confirmed", _("确认取消命名")
    CLOSED = "closed", _("随同结案")
    DISMISSED = "dismissed", _("不予取消")
    PLAQUE = "plaque", _("登记铭牌收回")


class CaseLogEntry(models.Model):
    """Every step of a case: who, when, what, and the state before and after."""

    case = models.ForeignKey(RevocationCase, on_delete=models.CASCADE, related_name="log")
    action = models.CharField(_("操作"), max_length=20, choices=CaseAction.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                           on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    before = models.JSONField(_("操作前"), default=dict)
    after = models.JSONField(_("操作后"), default=dict)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("案件记录")
        verbose_name_plural = _("案件记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.get_action_display()}"

    @property
    def status_before_label(self) -> str:
        return _status_label(self.before.get("status"))

    @property
    def status_after_label(self) -> str:
        return _status_label(self.after.get("status"))


def _status_label(value: str | None) -> str:
    return str(dict(CaseStatus.choices).get(value, value)) if value else "—"
