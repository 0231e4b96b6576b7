from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from apps.core.client_ip import client_ip
from apps.core.pagination import NarrowPaginator
from apps.core.public_cache import public_cached

from .forms import (
    LoginForm,
    OneTimeCodeForm,
    PasswordResetRequestForm,
    ProfileForm,
    TemporaryPasswordForm,
    ThrottledPasswordChangeForm,
)
from .models import AccountEventKind, Membership
from .passwords import RENEWAL_REASONS, password_renewal_reason
from .permissions import role_required
from .selectors import PASSWORD_RESET_ROLES, users_resettable_by, users_resettable_kept
from .services import (
    account_event_record,
    user_password_choose,
    user_profile_update,
    user_reset_link_send,
    user_temporary_password_set,
)
from .two_factor import totp_device_confirm, totp_device_for_setup
from .user_rows import user_rows_kept

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unified_login"] = settings.OIDC_PROVIDER_NAME if settings.OIDC_ENABLED else ""
        context["cas_login"] = settings.CAS_PROVIDER_NAME if settings.CAS_ENABLED else ""
        form = context["form"]
        if not form.is_bound:
            # The empty form is the same for every visitor and half of the page's cost (crispy's field templates):
            # kept rendered per language with the public pages (apps/core/public_cache.py), as the sign-up
            # form is. The CSRF token stays outside it, in login.html.
            context["form_html"] = mark_safe(public_cached(  # our own template's output, escaped as it rendered
                "login-form", build=lambda: render_to_string("registration/_login_fields.html", {"form": form})))
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")
    form_class = ThrottledPasswordChangeForm

    def get_context_data(self, **kwargs):
        reason = password_renewal_reason(self.request.user)
        return super().get_context_data(**kwargs) | {"renewal_reason": RENEWAL_REASONS.get(reason)}

    def form_valid(self, form):
        user_password_choose(user=form.user, password=form.cleaned_data["new_password1"],
                             ip_address=client_ip(self.request))
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


MAIL_DOWN = gettext_lazy("邮件暂时无法发送，请稍后再试，或致电所在县（市、区）三方办公室由管理员为您重置密码。")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except OSError:  # the mail server refused or is unreachable: say so, keep what was typed
            form.add_error(None, MAIL_DOWN)
            return self.form_invalid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        user_password_choose(user=form.user, password=form.cleaned_data["new_password1"],
                             kind=AccountEventKind.PASSWORD_RESET_BY_EMAIL, ip_address=client_ip(self.request))
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


@role_required(*PASSWORD_RESET_ROLES)
def user_list(request: HttpRequest) -> HttpResponse:
    users = users_resettable_by(user=request.user)
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(Q(username__icontains=query) | Q(full_name__icontains=query))
    # Each user's memberships with their regions and units in one query.
    memberships = Prefetch("memberships", queryset=Membership.objects.select_related("region", "unit"))
    # The page's ids and the total kept per viewer and page (a search is read each time), then the page's users by id.
    kept = None if query else (lambda number, read: users_resettable_kept(user=request.user, number=number, read=read))
    # Each row's markup kept per user (user_rows.py).
    page = NarrowPaginator(users.prefetch_related(memberships), PAGE_SIZE, kept_page=kept,
                           kept_rows=user_rows_kept).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {
        "page": page, "rows": mark_safe("".join(page)),  # noqa: S308 - each row escapes its values (user_rows.py)
        "q": query, "query": urlencode({"q": query}) if query else ""})


@role_required(*PASSWORD_RESET_ROLES)
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(users_resettable_by(user=request.user), pk=pk)
    form = TemporaryPasswordForm(request.POST or None, user=target)
    if request.method == "POST" and form.is_valid():
        user_temporary_password_set(user=target, password=form.cleaned_data["password2"], by=request.user,
                                    ip_address=client_ip(request))
        messages.success(request, _("已为 %(name)s 设置临时密码；本人下次登录时须修改密码。") % {"name": target})
        return redirect("accounts:user_list")
    return render(request, "accounts/user_password.html", {"target": target, "form": form})


@require_POST
@role_required(*PASSWORD_RESET_ROLES)
def user_reset_link(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(users_resettable_by(user=request.user), pk=pk)
    try:
        user_reset_link_send(user=target, by=request.user, ip_address=client_ip(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:user_password", pk=target.pk)
    except OSError:
        messages.error(request, _("邮件暂时无法发送，请稍后再试，或改为设置临时密码。"))
        return redirect("accounts:user_password", pk=target.pk)
    messages.success(request, _("重置链接已发送到 %(name)s 登记的电子邮箱。") % {"name": target})
    return redirect("accounts:user_list")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_profile_update(user=request.user, **{name: form.cleaned_data[name] for name in ProfileForm.Meta.fields})
        messages.success(request, _("个人信息已保存。"))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


WRONG_CODE = gettext_lazy("验证码不正确或已过期，请输入验证器当前显示的数字。多次输错须等待更久才能再试。")


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Bind an authenticator app: scan the QR code (or type the key), then confirm with its first code."""
    if user_has_device(request.user):
        return redirect("accounts:two_factor_verify")
    device = totp_device_for_setup(user=request.user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device=device, token=form.cleaned_data["token"], ip_address=client_ip(request)):
            otp_login(request, device)
            messages.success(request, _("身份验证器已绑定，以后登录时需输入其动态验证码。"))
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2),
        "key": b32encode(device.bin_key).decode(), "next": _next_url(request),
    })


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if not user_has_device(request.user):
        return redirect("accounts:two_factor_setup")
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        account_event_record(kind=AccountEventKind.TWO_FACTOR_FAILED, user=request.user, by=request.user,
                             ip_address=client_ip(request))
        form.add_error("token", WRONG_CODE)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})
