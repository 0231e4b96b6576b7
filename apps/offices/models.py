"""The models of the offices' own work; each part keeps its own module."""

from .honours.models import Honour  # noqa: F401
from .training.models import Training, TrainingMaterial  # noqa: F401
