from .assessments import admin as assessments_admin  # noqa: F401
from .named_units import admin as named_units_admin  # noqa: F401
from .recognitions import admin as recognitions_admin  # noqa: F401
