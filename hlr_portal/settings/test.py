"""The test suite: the development settings (seed_demo and seed_scale are tested too)."""

from .dev import *  # noqa: F403
