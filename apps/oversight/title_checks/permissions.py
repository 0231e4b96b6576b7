"""Who fills a check: the office that ran the round (or one above it); everybody else who sees it reads it."""

from apps.accounts.models import User
from apps.accounts.permissions import in_jurisdiction
from apps.accounts.roles import ADMIN_ROLES

from .models import CheckRound


def can_check(user: User, check_round: CheckRound) -> bool:
    return in_jurisdiction(user, check_round.office, ADMIN_ROLES)
