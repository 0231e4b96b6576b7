"""Pages of the unified login: start it, the platform's callback, the waiting page, and approval by the system admin."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_cas_ng.views import LoginView as CASLoginView
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from apps.core.client_ip import client_ip

from .forms import IdentityApproveForm
from .identities import PENDING_SESSION_KEY, IdentityError, identity_approve, identity_reject
from .lockouts import lockout_release, lockouts_current
from .models import ExternalIdentity, IdentityStatus, Role
from .permissions import role_required

_oidc_start = OIDCAuthenticationRequestView.as_view()
_oidc_callback = OIDCAuthenticationCallbackView.as_view()
_cas_login = CASLoginView.as_view()


def _enabled(*platforms: str) -> None:
    if not any(getattr(settings, f"{platform}_ENABLED") for platform in platforms):
        raise Http404


def unified_login(request: HttpRequest) -> HttpResponse:
    _enabled("OIDC")
    return _oidc_start(request)


def unified_callback(request: HttpRequest) -> HttpResponse:
    _enabled("OIDC")
    return _oidc_callback(request)


def cas_login(request: HttpRequest) -> HttpResponse:
    """Off to the CAS server, and back here with a ticket that the CAS backend checks."""
    _enabled("CAS")
    try:
        return _cas_login(request)
    except PermissionDenied:
        return redirect(settings.LOGIN_REDIRECT_URL_FAILURE)


def unified_pending(request: HttpRequest) -> HttpResponse:
    """Where a platform login without an approved account lands: says what happened and whom to ask."""
    _enabled("OIDC", "CAS")
    identity = ExternalIdentity.objects.filter(pk=request.session.get(PENDING_SESSION_KEY)).first()
    return render(request, "accounts/unified_pending.html", {"identity": identity}, status=403)


PAGE_SIZE = 50


def _identities_page(request: HttpRequest):
    identities = ExternalIdentity.objects.select_related("user", "decided_by")
    return Paginator(identities, PAGE_SIZE).get_page(request.GET.get("page"))


@role_required(Role.SECURITY_ADMIN)
def identity_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/identity_list.html", {
        "page": _identities_page(request), "form": IdentityApproveForm(), "pending": IdentityStatus.PENDING})


@role_required(Role.SECURITY_ADMIN)
@require_POST
def identity_decide(request: HttpRequest, pk: int) -> HttpResponse:
    identity = get_object_or_404(ExternalIdentity, pk=pk)
    if request.POST.get("decision") == "reject":
        identity_reject(identity=identity, by=request.user)
        messages.success(request, _("已拒绝 %(name)s 的关联申请。") % {"name": identity.name or identity.subject})
        return redirect("accounts:identity_list")
    form = IdentityApproveForm(request.POST)
    if form.is_valid():
        try:
            identity_approve(identity=identity, user=form.cleaned_data["username"], by=request.user)
        except IdentityError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已将 %(name)s 关联到门户账号 %(user)s。")
                             % {"name": identity.name or identity.subject, "user": form.cleaned_data["username"]})
            return redirect("accounts:identity_list")
    return render(request, "accounts/identity_list.html", {
        "page": _identities_page(request), "form": form, "failed": identity.pk, "pending": IdentityStatus.PENDING},
        status=400)


@role_required(Role.SECURITY_ADMIN)
def lockout_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/lockouts.html", {"attempts": lockouts_current()[:200]})


@role_required(Role.SECURITY_ADMIN)
@require_POST
def lockout_release_view(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("attempt", "")
    if not (raw.isascii() and raw.isdigit()):
        raise Http404
    attempt = get_object_or_404(lockouts_current(), pk=int(raw))
    lockout_release(attempt=attempt, by=request.user, ip_address=client_ip(request))
    messages.success(request, _("已解除 %(username)s 的登录锁定。") % {"username": attempt.username})
    return redirect("accounts:lockouts")
