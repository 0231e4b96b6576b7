"""The models of oversight after naming; each part keeps its own module."""

from .cultivation.models import CultivationQuota, CultivationTarget, GuidanceVisit  # noqa: F401
from .incentives.models import IncentiveGrant, IncentiveMeasure  # noqa: F401
from .revocations.models import (  # noqa: F401
    CaseEvent,
    CaseLogEntry,
    RevocationCase,
    RevocationConsent,
    RevocationRule,
)
from .risks.models import ApiClient, RiskAttachment, RiskEvent  # noqa: F401
from .supervision.models import RectificationItem, SupervisionVisit  # noqa: F401
from .title_checks.models import CheckRound, TitleCheck  # noqa: F401
