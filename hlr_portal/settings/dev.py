"""Development, the demo and benchmark seeding: base plus the demo and benchmark data commands (apps.devtools)."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "apps.devtools"]
