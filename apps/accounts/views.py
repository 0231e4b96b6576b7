from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.client import client_ip

from .forms import LoginForm, PasswordResetRequestForm, ProfileForm, TemporaryPasswordForm, ThrottledPasswordChangeForm
from .models import AccountEventKind
from .passwords import RENEWAL_REASONS, password_renewal_reason
from .permissions import role_required
from .selectors import PASSWORD_RESET_ROLES, users_resettable_by
from .services import user_password_choose, user_profile_update, user_reset_link_send, user_temporary_password_set

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    form_class = PasswordResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")


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
    page = Paginator(users.prefetch_related("memberships__region", "memberships__unit"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "accounts/user_list.html",
                  {"page": page, "q": query, "query": urlencode({"q": query}) if query else ""})


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
