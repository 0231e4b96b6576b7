from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from apps.core.phones import MOBILE, PhoneField

from .models import User
from .passwords import (
    OLD_PASSWORD_PAUSE,
    old_password_guess_failed,
    old_password_guesses_exhausted,
)
from .services import password_reset_link_send


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名"), max_length=150, widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续输错 5 次将锁定 30 分钟。"),
        "inactive": _("该账号已停用，请联系管理员。"),
    }


class IdentityApproveForm(forms.Form):
    """The portal account a unified-login identity opens, named by its username."""

    username = forms.CharField(label=_("关联到门户账号（用户名）"), max_length=150)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("没有用户名为“%(username)s”的门户账号。") % {"username": username})
        return user
class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's change form, refusing further guesses of the current password after a few wrong ones."""

    def clean_old_password(self) -> str:
        if old_password_guesses_exhausted(self.user):
            raise forms.ValidationError(
                _("当前密码输错次数过多，请 %(minutes)d 分钟后再试。") % {
                    "minutes": OLD_PASSWORD_PAUSE.total_seconds() // 60},
                code="too_many_guesses",
            )
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            old_password_guess_failed(self.user)
            raise


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset request, sending our own (absolute-link) e-mail; it never says whether the address exists."""

    email = forms.EmailField(
        label=_("登记的电子邮箱"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def save(self, **kwargs) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            password_reset_link_send(user=user)


class TemporaryPasswordForm(forms.Form):
    """The temporary password an administrator gives; the same rules as any password."""

    password1 = forms.CharField(
        label=_("临时密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("请当面或电话告知本人；本人下次登录时必须改为自己的密码。"),
    )
    password2 = forms.CharField(
        label=_("再次输入临时密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password2(self) -> str:
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError(_("两次输入的密码不一致。"))
        if second:
            password_validation.validate_password(second, self.user)
        return second


class ProfileForm(forms.ModelForm):
    """What a user keeps up to date themselves: where notifications reach them."""

    class Meta:
        model = User
        fields = ["full_name", "email", "phone", "notify_by_email", "notify_by_sms"]
        labels = {"email": _("电子邮箱"), "phone": _("联系电话")}
        help_texts = {
            "email": _("平台的通知（退回、决定、截止提醒）和找回密码的邮件发到这里。"),
            "phone": _("手机号或固定电话（如 0357-1234567）。"),
        }
        error_messages = {"email": {"invalid": _("请输入有效的电子邮箱地址，如 name@example.cn。")}}
        field_classes = {"phone": PhoneField}
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def clean(self):
        data = super().clean()
        if data.get("notify_by_sms") and not MOBILE.match(data.get("phone") or ""):
            self.add_error("notify_by_sms", _("短信只能发到手机号：请先填写 11 位手机号。"))
        return data


class OneTimeCodeForm(forms.Form):
    token = forms.CharField(
        label=_("动态验证码"), max_length=8, strip=True,
        help_text=_("打开手机上的身份验证器应用，输入本平台当前显示的 6 位数字。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )
