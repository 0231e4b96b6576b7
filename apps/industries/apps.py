from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndustriesConfig(AppConfig):
    name = "apps.industries"
    verbose_name = _("行业、集团与产业链")
