"""Whom a move tells (the next actors) and what they read. Each recipient list takes the locked application."""

from collections.abc import Iterable

from django.db.models import QuerySet

from apps.accounts.models import Role, User
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import return_feedback, staff_over_unit
from apps.campaigns.selectors import OFFICE_ROLES, naming_level_of

from .guards import precheck_applies
from .offices import application_policy


def unit_reps(application: Application) -> QuerySet[User]:
    return User.objects.filter(memberships__role=Role.UNIT_REP, memberships__unit_id=application.unit_id,
                               is_active=True)


def county_admins(application: Application) -> Iterable[User]:
    return staff_over_unit(unit=application.unit, role=Role.COUNTY_ADMIN)


def naming_office(application: Application) -> Iterable[User]:
    """The office of the level that names the unit under its policy (the city, or a county/district)."""
    role = OFFICE_ROLES[naming_level_of(application_policy(application))]
    return staff_over_unit(unit=application.unit, role=role)


def panel_members(application: Application) -> Iterable[User]:
    return User.objects.filter(panel_seats__panel__application=application)


def reviewers_of_submission(application: Application) -> Iterable[User]:
    """The township office when the pre-check applies, the county office otherwise."""
    role = Role.TOWNSHIP_STAFF if precheck_applies(application) else Role.COUNTY_ADMIN
    return staff_over_unit(unit=application.unit, role=role)


def return_detail(application: Application, comment: str) -> str:
    """The return's reason and every per-item comment, for the unit's notification and e-mail."""
    lines = [f"退回理由：{comment}"]
    feedback = return_feedback(application)
    if feedback is not None and feedback.comments:
        lines.append("逐项修改意见：")
        lines += [f"{c.criterion.code} {c.criterion.title}：{c.text}" for c in feedback.comments]
    return "\n".join(lines)
