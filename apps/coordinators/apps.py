from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinatorsConfig(AppConfig):
    name = "apps.coordinators"
    verbose_name = _("劳动关系协调员")
