from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("账号与权限")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (records sign-in, sign-out and failed sign-in)
