from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    """The offices' own work around the campaign: training and outreach, honours of people and bodies."""

    name = "apps.offices"
    verbose_name = _("机构工作")

    def ready(self) -> None:
        # Models are importable only once the registry is ready, hence the imports here.
        from apps.audit.tracked import track

        from .audited import ROWS

        track(*ROWS)
