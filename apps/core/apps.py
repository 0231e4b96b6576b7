from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("门户")

    def ready(self) -> None:
        # The job sweep's task lives beside the job model; register it in every process, as the apps' tasks are.
        from . import jobs  # noqa: F401
        from .display import install

        install()  # get_<field>_display() translates only the label it shows (apps/core/display.py)
