from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NamedUnitsConfig(AppConfig):
    name = "apps.named_units"
    verbose_name = _("命名单位年度报告与报送")
