from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    name = "apps.devtools"
    verbose_name = _("演示与压测数据")
