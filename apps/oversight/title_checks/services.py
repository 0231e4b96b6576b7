"""Every write of the periodic checks of named units: starting a round (the draw) and recording a check.

A round's titles are fixed when it starts: the titles in force in its region that day, of the localities whose policy
lets the office's level check (``title_check_levels``), are the candidates, and the
draw (抽查) or all of them (普查) become its check records, in one transaction. A 建议取消命名 result opens a
revocation case through ``revocation_propose``, the one way an office proposes a revocation, in the same
transaction as the record: if the policy does not let this office propose, nothing is saved and the office is told.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.audit.services import audit_created
from apps.campaigns.rules import Rules
from apps.campaigns.selectors import policies_for
from apps.core.draws import new_seed, sample_per_group
from apps.oversight.revocations.services import revocation_propose
from apps.regions.models import Region, RegionLevel

from .models import CheckResult, CheckRound, RoundMethod, TitleCheck
from .permissions import can_check
from .selectors import checking_offices_for, titles_in_force

ALL = "all"
MAX_SAMPLE_SIZE = 10000


def check_round_start(*, office: Region, region: Region, year: int, method: str, by: User,
                      sample_share: int | None = None, sample_size: int | None = None, per_county: bool = False,
                      note: str = "", today: datetime.date | None = None, seed: str | None = None) -> CheckRound:
    """Start a round of ``office`` over ``region`` and create a check record for each title it covers."""
    today = today or timezone.localdate()
    if office.pk not in {region.pk for region in checking_offices_for(user=by, year=year)}:
        raise ValidationError(gettext("本地政策规定的核查层级不包括贵单位，不能发起命名单位核查。"))
    if method == RoundMethod.SAMPLE:
        if bool(sample_share) == bool(sample_size):
            raise ValidationError({"sample_share": gettext("抽查请填写抽查比例或抽查数量中的一项。")})
        if sample_share is not None and not 1 <= sample_share <= 100:
            raise ValidationError({"sample_share": gettext("抽查比例应为 1 至 100。")})
        if sample_size is not None and not 1 <= sample_size <= MAX_SAMPLE_SIZE:
            raise ValidationError({"sample_size": gettext("抽查数量应为 1 至 %(most)s。") % {"most": MAX_SAMPLE_SIZE}})
    else:
        sample_share = sample_size = None
    titles = list(titles_in_force(region=region, today=today).select_related("unit__region").order_by("pk"))
    if not titles:
        raise ValidationError({"region": gettext("%(region)s目前没有在有效期内的称号，无须核查。")
                                         % {"region": region.name}})
    titles = _checkable_by(office, titles, year)
    if not titles:
        raise ValidationError({"region": gettext(
            "%(region)s的实施方案规定的命名单位核查层级不包括%(level)s级，不能由贵单位对其发起核查。")
            % {"region": region.name, "level": RegionLevel(office.level).label}})
    groups: dict[str, list[int]] = defaultdict(list)
    for title in titles:
        groups[str(title.unit.region_id) if per_county else ALL].append(title.pk)
    check_round = CheckRound(office=office, region=region, year=year, method=method, sample_share=sample_share,
                             sample_size=sample_size, per_county=per_county, note=note.strip(), started_by=by,
                             candidates=dict(groups), seed="" if method == RoundMethod.CENSUS else seed or new_seed())
    check_round.full_clean()
    check_round.drawn = (dict(groups) if method == RoundMethod.CENSUS
                         else sample_per_group(check_round.candidates, check_round.seed, check_round.size_for))
    chosen = {pk for ids in check_round.drawn.values() for pk in ids}
    with transaction.atomic():
        check_round.save()
        checks = TitleCheck.objects.bulk_create([
            TitleCheck(round=check_round, recognition=title, unit=title.unit) for title in titles
            if title.pk in chosen])
        audit_created(instances=checks)
    return check_round


def _checkable_by(office: Region, titles: list, year: int) -> list:
    """The titles whose locality lets ``office``'s level check them: the policy in force where each unit is (its
    city's or district's, ``title_check_levels``) decides, not only the office's own. A round over several cities
    draws from those that let it; the others are left out of the candidates (one query for their policies)."""
    policies = policies_for(pairs={(title.unit.region, year) for title in titles})
    return [title for title in titles
            if office.level in Rules(policy=policies[(title.unit.region_id, year)]).title_check_levels]


def title_check_record(*, check: TitleCheck, by: User, checked_on: datetime.date, method: str, findings: str,
                       result: str, rectification_deadline: datetime.date | None = None) -> TitleCheck:
    """The checking office records what it found and its conclusion. A record that opened a revocation case stays
    as it is (the case goes on in the revocation pages)."""
    if not can_check(by, check.round):
        raise ValidationError(gettext("只有发起核查的单位可以登记核查结果。"))
    errors = {}
    if checked_on > timezone.localdate():
        errors["checked_on"] = gettext("核查日期不能晚于今天。")
    if not findings.strip():
        errors["findings"] = gettext("请填写核查情况。")
    if result == CheckResult.RECTIFY:
        if rectification_deadline is None:
            errors["rectification_deadline"] = gettext("限期整改须填写整改期限。")
        elif rectification_deadline < checked_on:
            errors["rectification_deadline"] = gettext("整改期限不能早于核查日期。")
    else:
        rectification_deadline = None
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = TitleCheck.objects.select_for_update(of=("self",)).select_related(
            "round__region", "recognition__unit__region").get(pk=check.pk)
        if locked.case_id is not None:
            raise ValidationError(
                gettext("该单位已按核查结论提出取消命名，核查记录不能再修改；请在取消命名案件中办理。"))
        locked.checked_on, locked.method, locked.findings = checked_on, method, findings.strip()
        locked.result, locked.rectification_deadline, locked.checked_by = result, rectification_deadline, by
        if result == CheckResult.REVOKE:
            locked.case = revocation_propose(
                recognition=locked.recognition, by=by,
                reason=f"{locked.round.year}年命名单位核查（{locked.round.get_method_display()}，{checked_on:%Y-%m-%d}）"
                       f"建议取消命名：{locked.findings}")
        locked.full_clean()
        locked.save()
    return locked
