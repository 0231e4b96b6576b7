from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "apps.risks"
    verbose_name = _("风险事件")
