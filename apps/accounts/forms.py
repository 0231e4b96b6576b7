from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User


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
