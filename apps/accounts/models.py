from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .roles import DUTY_ROLES, Role


class Party(models.TextChoices):
    HRSS = "hrss", _("人力资源社会保障部门")
    UNION = "union", _("工会")
    CONFEDERATION = "confederation", _("企业联合会/企业家协会")
    FEDERATION = "federation", _("工商业联合会")
    SASAC = "sasac", _("国有资产监督管理部门")


class User(AbstractUser):
    full_name = models.CharField(_("姓名"), max_length=100, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    # The channels the user chose for notifications beside the portal's own message list.
    notify_by_email = models.BooleanField(_("邮件通知"), default=True)
    notify_by_sms = models.BooleanField(_("短信通知（退回、决定、截止提醒）"), default=False)
    # Set when an administrator gave a temporary password: every page leads to the change form until it is changed.
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    # When the user last chose a password (null: before this was recorded); the expiry counts from here.
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_session_auth_hash(self) -> str:
        # A user read from the kept copy (apps/accounts/kept_user.py) carries the hash of the password it was read
        # with, and no password until something asks for it; once the password is loaded or set, it decides.
        kept = self.__dict__.get("_kept_session_hash")
        if kept is not None and "password" not in self.__dict__:
            return kept
        return super().get_session_auth_hash()


class Membership(models.Model):
    """What a user may do, and where: a role bound to a region or to a unit.

    Staff roles carry a region (their jurisdiction is its subtree); a unit
    representative carries a unit; a county reviewer also carries a party.
    """

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("管辖区域"), null=True, blank=True, on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        "registry.Unit", verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="memberships",
    )
    party = models.CharField(_("所属方"), max_length=20, choices=Party.choices, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.UNIT_REP, unit__isnull=False, region__isnull=True)
                    | Q(role__in=list(DUTY_ROLES), unit__isnull=True)
                    | (~Q(role__in=[Role.UNIT_REP, *DUTY_ROLES])
                       & Q(region__isnull=False, unit__isnull=True))
                ),
                name="membership_scope_matches_role",
            ),
            models.CheckConstraint(
                condition=Q(role="county_reviewer", party__gt="") | (~Q(role="county_reviewer") & Q(party="")),
                name="membership_party_only_for_reviewers",
            ),
            models.UniqueConstraint(fields=["user", "role", "region", "unit"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        scope = self.unit or self.region or ""
        return f"{self.user} · {self.get_role_display()} · {scope}"

    def clean(self) -> None:
        if self.role in DUTY_ROLES and self.user_id:
            other = (Membership.objects.filter(user_id=self.user_id, role__in=DUTY_ROLES).exclude(role=self.role)
                     .exclude(pk=self.pk).first())
            if other is not None:
                raise ValidationError(_("三员分立：%(user)s 已是%(other)s，不能再担任%(role)s。") % {
                    "user": self.user, "other": other.get_role_display(), "role": self.get_role_display()})


class IdentityStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已关联")
    REJECTED = "rejected", _("已拒绝")


class ExternalIdentity(models.Model):
    """A person of a unified identity platform (统一身份认证, OpenID Connect), and the portal account it opens.

    The first login through the platform records the identity as pending; it
    opens nothing until a system admin links it to a portal account, whose
    memberships then decide what the person may see (apps/accounts/oidc.py).
    """

    issuer = models.CharField(_("认证平台"), max_length=300)
    subject = models.CharField(_("平台用户标识"), max_length=255)
    name = models.CharField(_("姓名"), max_length=100, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=IdentityStatus.choices, default=IdentityStatus.PENDING)
    user = models.ForeignKey(User, verbose_name=_("门户账号"), on_delete=models.PROTECT, null=True, blank=True,
                             related_name="external_identities")
    first_seen_at = models.DateTimeField(_("首次登录"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("最近登录"), auto_now=True)
    decided_by = models.ForeignKey(User, verbose_name=_("审核人"), on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("统一身份认证账号")
        verbose_name_plural = _("统一身份认证账号")
        ordering = ["status", "-first_seen_at"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique_subject"),
            models.CheckConstraint(condition=~Q(status="approved") | Q(user__isnull=False),
                                   name="external_identity_approved_has_user"),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.subject}（{self.get_status_display()}）"
class PasswordHistoryEntry(models.Model):
    """A password the user had (its hash): a new password may not repeat the last few (PASSWORD_HISTORY_COUNT)."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(_("密码摘要"), max_length=128)
    created_at = models.DateTimeField(_("设置时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"


class AccountEventKind(models.TextChoices):
    LOGIN = "login", _("登录成功")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出登录")
    PASSWORD_CHANGED = "password_changed", _("本人修改密码")
    PASSWORD_RESET_BY_EMAIL = "password_reset_email", _("通过邮件链接重置密码")
    TEMPORARY_PASSWORD_SET = "temporary_password", _("管理员设置临时密码")
    RESET_LINK_SENT = "reset_link_sent", _("管理员发送重置链接")
    TWO_FACTOR_SET_UP = "two_factor_set_up", _("绑定身份验证器")
    TWO_FACTOR_FAILED = "two_factor_failed", _("动态验证码错误")
    LOCKOUT_RELEASED = "lockout_released", _("安全管理员解除登录锁定")


class AccountEvent(models.Model):
    """A sign-in, sign-out or password event, kept for the security audit (等保 2.0: 安全审计).

    Only ever inserted (``account_event_record``), and read on the audit
    viewer's 登录与账号安全记录 page under the user's region: the city sees
    its own people's events, the system administrator all of them, including
    failed logins under names no account has.
    """

    kind = models.CharField(_("事件"), max_length=30, choices=AccountEventKind.choices)
    user = models.ForeignKey(User, verbose_name=_("账号"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    username = models.CharField(_("用户名"), max_length=150)
    by = models.ForeignKey(User, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+")
    ip_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("所属地区"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("账号安全事件")
        verbose_name_plural = _("账号安全事件")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username} · {self.get_kind_display()}"
