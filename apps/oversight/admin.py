from .cultivation import admin as cultivation_admin  # noqa: F401
from .incentives import admin as incentives_admin  # noqa: F401
from .revocations import admin as revocations_admin  # noqa: F401
from .risks import admin as risks_admin  # noqa: F401
from .supervision import admin as supervision_admin  # noqa: F401
from .title_checks import admin as title_checks_admin  # noqa: F401
