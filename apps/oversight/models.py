"""The models of oversight after naming; each part keeps its own module."""

from .cultivation.models import CultivationQuota, CultivationTarget, GuidanceVisit  # noqa: F401
from .incentives.models import IncentiveGrant, IncentiveMeasure  # noqa: F401
from .revocations.models import CaseEvent, CaseLogEntry, RevocationCase, RevocationRule  # noqa: F401
from .risks.models import ApiClient, RiskAttachment, RiskEvent  # noqa: F401
