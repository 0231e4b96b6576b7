from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionsConfig(AppConfig):
    name = "apps.recognitions"
    verbose_name = _("认定授牌")
