from django.contrib.auth import views as auth_views
from django.urls import path

from . import unified, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password/reset/complete/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("profile/", views.profile, name="profile"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
    path("users/<int:pk>/password/link/", views.user_reset_link, name="user_reset_link"),
]

# Unified login through the province's identity platform (OIDC_ENABLED, CAS_ENABLED; apps/accounts/unified.py).
urlpatterns += [
    path("unified/login/", unified.unified_login, name="unified_login"),
    path("unified/callback/", unified.unified_callback, name="unified_callback"),
    path("unified/cas/", unified.cas_login, name="cas_login"),
    path("unified/pending/", unified.unified_pending, name="unified_pending"),
    path("identities/", unified.identity_list, name="identity_list"),
    path("identities/<int:pk>/decide/", unified.identity_decide, name="identity_decide"),
    path("lockouts/", unified.lockout_list, name="lockouts"),
    path("lockouts/release/", unified.lockout_release_view, name="lockout_release"),
]
