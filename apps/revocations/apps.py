from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevocationsConfig(AppConfig):
    name = "apps.revocations"
    verbose_name = _("动态管理与取消命名")
