from .units import admin as units_admin  # noqa: F401
