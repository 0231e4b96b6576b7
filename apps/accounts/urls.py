from django.contrib.auth import views as auth_views
from django.urls import path

from . import unified, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

# Unified login through the province's identity platform (OIDC_ENABLED, CAS_ENABLED; apps/accounts/unified.py).
urlpatterns += [
    path("unified/login/", unified.unified_login, name="unified_login"),
    path("unified/callback/", unified.unified_callback, name="unified_callback"),
    path("unified/cas/", unified.cas_login, name="cas_login"),
    path("unified/pending/", unified.unified_pending, name="unified_pending"),
    path("identities/", unified.identity_list, name="identity_list"),
    path("identities/<int:pk>/decide/", unified.identity_decide, name="identity_decide"),
]
