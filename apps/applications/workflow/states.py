"""Every status an application can be in. Imported by the models, so it imports no model itself."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    TOWNSHIP_PRECHECK = "township_precheck", _("乡镇(街道)测评中")
    COUNTY_REVIEW = "county_review", _("县级评估验收中")
    RETURNED = "returned", _("退回修改")
    NOT_PASSED = "not_passed", _("未通过")
    COUNTY_APPROVED = "county_approved", _("县级验收通过")
    CITY_CONFIRMED = "city_confirmed", _("市级已确认")
    CITY_RETURNED = "city_returned", _("市级退回")
    IN_NOTICE = "in_notice", _("公示中")
    NAMED = "named", _("已命名")
    REVOKED = "revoked", _("已取消命名")
    EXPIRED = "expired", _("已过期")


def status_label(value: str, naming_level: str = "") -> str:
    """A status's label, as get_FIELD_display() gives it, without that method's cost on long lists.

    get_FIELD_display() rebuilds a dict of all thirteen lazy labels (thirteen catalogue lookups) per call:
    ~0.1 ms, once per row of a list and twice per history entry.

    ``naming_level``: the word of the level that names under the policy in force (``Rules.naming_level_word``,
    e.g. 区级 where 河东区 names); the steps of the naming office then say it instead of 市级.
    """
    if naming_level and value in NAMING_OFFICE_LABELS:
        return NAMING_OFFICE_LABELS[value] % {"level": naming_level}
    try:
        return Status(value).label
    except ValueError:
        return value


# The statuses that are the naming office's steps (the city's unless the policy has a county/district name).
NAMING_OFFICE_LABELS = {
    Status.CITY_CONFIRMED: _("%(level)s已确认"),
    Status.CITY_RETURNED: _("%(level)s退回"),
}


# Statuses in which the unit may change answers and evidence.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})

# Statuses in which a renewal (复审) has been started and not yet decided: its title waits for the outcome.
RENEWAL_PENDING_STATUSES = frozenset({
    Status.DRAFT, Status.SUBMITTED, Status.TOWNSHIP_PRECHECK, Status.COUNTY_REVIEW, Status.RETURNED,
    Status.COUNTY_APPROVED, Status.CITY_CONFIRMED, Status.CITY_RETURNED, Status.IN_NOTICE,
})

# A renewal submitted before the title's end holds its expiry until decided; a draft does not (a renewal left
# unsubmitted must not keep a title alive).
RENEWAL_HOLDS_EXPIRY = RENEWAL_PENDING_STATUSES - {Status.DRAFT}
