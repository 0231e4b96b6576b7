import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from apps.accounts.models import Membership, Role, User
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.applications.workflow.offices import revokes_for
from apps.applications.workflow.service import title_revoke
from apps.campaigns.selectors import OFFICE_ROLES, policies_for, revocation_office_level
from apps.core.public_cache import generations_changed
from apps.notifications.services import notify
from apps.oversight.incentives.models import GrantEndReason
from apps.oversight.incentives.services import incentive_grants_end_for
from apps.regions.models import Region

from .models import CaseAction, CaseLogEntry, CaseStatus, RevocationCase, RevocationConsent, RevocationRule
from .permissions import may_decide_case, may_propose_revocation
from .selectors import NOTICES_KEY, OPEN_CASES_KEY, revocation_chain

RULE_FIELDS = ("name", "kinds", "min_severity", "min_count", "window_days", "is_active")


def _rule_state(rule: RevocationRule) -> dict:
    return {name: getattr(rule, name) for name in RULE_FIELDS}


def revocation_rule_save(*, rule: RevocationRule | None, city: Region, data: dict, by: User) -> RevocationRule:
    rule = rule or RevocationRule(city=city)
    for name in RULE_FIELDS:
        setattr(rule, name, data[name])
    rule.updated_by = by
    rule.full_clean()
    rule.save()
    generations_changed([OPEN_CASES_KEY])  # the open cases it opened are listed under its name
    return rule


def _case_state(case: RevocationCase) -> dict:
    return {
        "status": case.status, "decision_reason": case.decision_reason,
        "plaque_recovered_on": case.plaque_recovered_on.isoformat() if case.plaque_recovered_on else None,
        "plaque_note": case.plaque_note, "recognition_status": case.recognition.status,
    }


def _locked_open_case(case: RevocationCase, by: User) -> RevocationCase:
    locked = (RevocationCase.objects.select_for_update(of=("self",))
              .select_related("recognition__unit__region", "rule").get(pk=case.pk))
    if locked.status != CaseStatus.OPEN:
        raise ValidationError(gettext("该案件已处理（%(status)s），不能重复处理。")
                              % {"status": locked.get_status_display()})
    if not may_decide_case(by, locked):
        raise ValidationError(gettext("您无权处理该案件。"))
    return locked


def revocation_propose(*, recognition: Recognition, by: User, reason: str) -> RevocationCase:
    """Open a case to revoke ``recognition``, as the office the locality's policy has propose (``revocation_proposer``:
    the city's in 临汾); any other office is refused. The deciding office is told."""
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写提出取消命名的理由和依据。")})
    if not may_propose_revocation(by, recognition):
        raise ValidationError(gettext("本地政策规定的提出层级不是贵单位，不能提出取消命名。"))
    with transaction.atomic():
        locked = Recognition.objects.select_for_update().get(pk=recognition.pk)
        if locked.current_status != RecognitionStatus.VALID:
            raise ValidationError(gettext("该称号已不在有效期内或已被取消，不能再提出取消命名。"))
        open_case = RevocationCase.objects.filter(recognition=locked, status=CaseStatus.OPEN).first()
        if open_case is not None:
            raise ValidationError(gettext("该称号已有待处理的取消命名案件 #%(case)s，请在该案件中办理。")
                                  % {"case": open_case.pk})
        case = RevocationCase.objects.create(recognition=locked, proposed_by=by, proposal_reason=reason.strip(),
                                             opened_at=timezone.now())
        CaseLogEntry.objects.create(case=case, action=CaseAction.PROPOSED, by=by, after=_case_state(case),
                                    note=reason.strip())
        generations_changed([OPEN_CASES_KEY])
    deciders = [user for user in User.objects.filter(
        memberships__role__in=OFFICE_ROLES.values(), memberships__region_id__in=recognition.unit.region.path_ids,
        is_active=True).distinct() if revokes_for(user, recognition.unit) and user.pk != by.pk]
    if deciders:
        notify(users=deciders, message=f"{by}提出取消“{recognition.unit.name}”的命名，请核实后确认或不予取消。",
               url=reverse("revocations:case", args=[case.pk]))
    return case


def revocation_consent_record(*, case: RevocationCase, name: str, given_by: str, given_on: datetime.date,
                              document_number: str, by: User) -> RevocationConsent:
    """Record one of the higher-level decisions or consents the policy requires before the revocation."""
    errors = {}
    if not given_by.strip():
        errors["given_by"] = gettext("请填写出具意见的机关。")
    if not document_number.strip():
        errors["document_number"] = gettext("请填写文号。")
    if given_on > timezone.localdate():
        errors["given_on"] = gettext("出具日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_open_case(case, by)
        chain = revocation_chain(locked)
        if name not in [row.name for row in chain.requirements]:
            raise ValidationError({"name": gettext("本地政策不要求该项上级意见。")})
        if name not in chain.missing:
            raise ValidationError({"name": gettext("“%(name)s”已登记，不能重复登记。") % {"name": name}})
        consent = RevocationConsent.objects.create(case=locked, name=name, given_by=given_by.strip(),
                                                   given_on=given_on, document_number=document_number.strip(),
                                                   recorded_by=by)
        CaseLogEntry.objects.create(case=locked, action=CaseAction.CONSENT, by=by, before=_case_state(locked),
                                    after=_case_state(locked),
                                    note=f"{name}：{consent.given_by}，{given_on:%Y-%m-%d}，{consent.document_number}")
    return consent


def revocation_case_confirm(
    *, case: RevocationCase, by: User, reason: str, plaque_recovered_on: datetime.date | None,
    plaque_note: str = "", on: datetime.date | None = None,
) -> RevocationCase:
    """Revoke the title through the application workflow (the title and its application move together),
    end its grants, close the title's other open cases and tell the unit; all logged in one transaction."""
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写取消命名的理由和依据。")})
    with transaction.atomic():
        locked = _locked_open_case(case, by)
        missing = revocation_chain(locked).missing_labels
        if missing:
            raise ValidationError(
                gettext("本地政策规定取消命名须先取得上级意见，尚未登记：%(missing)s。登记后方可确认取消命名。")
                % {"missing": pgettext("list separator", "、").join(missing)})
        before = _case_state(locked)
        recognition = title_revoke(recognition=locked.recognition, by=by, reason=reason, on=on)
        ended = incentive_grants_end_for(recognition=recognition, reason=GrantEndReason.REVOKED,
                                         on=recognition.revoked_on)
        locked.status = CaseStatus.CONFIRMED
        locked.decided_by, locked.decided_at = by, timezone.now()
        locked.decision_reason = reason.strip()
        locked.plaque_recovered_on, locked.plaque_note = plaque_recovered_on, plaque_note.strip()
        locked.save()
        CaseLogEntry.objects.create(case=locked, action=CaseAction.CONFIRMED, by=by, before=before,
                                    after=_case_state(locked) | {"incentives_ended": ended}, note=reason.strip())
        # The revocation is announced on the public notices; this case and the title's others are no longer open.
        generations_changed([NOTICES_KEY, OPEN_CASES_KEY])
        for other in RevocationCase.objects.filter(recognition=recognition, status=CaseStatus.OPEN):
            other_before = _case_state(other)
            other.status, other.decided_by, other.decided_at = CaseStatus.DISMISSED, by, timezone.now()
            other.decision_reason = f"称号已因案件 #{locked.pk} 取消命名，本案件一并结案。"
            other.save()
            CaseLogEntry.objects.create(case=other, action=CaseAction.CLOSED, by=by, before=other_before,
                                        after=_case_state(other), note=other.decision_reason)
        # The unit is told once, here (the workflow's move to "revoked" tells nobody): with the title and reason.
        notify(users=User.objects.filter(memberships__role=Role.UNIT_REP, memberships__unit=recognition.unit,
                                         is_active=True).distinct(),
               message=f"贵单位“{recognition.full_title}”称号（证书编号 {recognition.number}）"
                       f"已被取消命名：{reason.strip()}",
               url=reverse("recognitions:detail", args=[recognition.pk]))
    return locked


def revocation_case_dismiss(*, case: RevocationCase, by: User, reason: str) -> RevocationCase:
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写不予取消的理由。")})
    with transaction.atomic():
        locked = _locked_open_case(case, by)
        before = _case_state(locked)
        locked.status, locked.decided_by, locked.decided_at = CaseStatus.DISMISSED, by, timezone.now()
        locked.decision_reason = reason.strip()
        locked.save()
        CaseLogEntry.objects.create(case=locked, action=CaseAction.DISMISSED, by=by, before=before,
                                    after=_case_state(locked), note=reason.strip())
        generations_changed([OPEN_CASES_KEY])
    return locked


def revocation_case_plaque_record(*, case: RevocationCase, by: User, recovered_on: datetime.date,
                                  note: str = "") -> RevocationCase:
    """Record the plaque's recovery after the decision, when it comes back later."""
    with transaction.atomic():
        locked = RevocationCase.objects.select_for_update(of=("self",)).select_related(
            "recognition__unit__region").get(pk=case.pk)
        if locked.status != CaseStatus.CONFIRMED:
            raise ValidationError(gettext("只有已取消命名的案件才需要登记铭牌收回。"))
        if not may_decide_case(by, locked):
            raise ValidationError(gettext("您无权处理该案件。"))
        before = _case_state(locked)
        locked.plaque_recovered_on, locked.plaque_note = recovered_on, note.strip()
        locked.save(update_fields=["plaque_recovered_on", "plaque_note"])
        CaseLogEntry.objects.create(case=locked, action=CaseAction.PLAQUE, by=by, before=before,
                                    after=_case_state(locked), note=note.strip())
    return locked


def revocation_cases_opened_notify(*, after_case_id: int) -> int:
    """Tell each deciding office how many cases the check opened for it (cases above ``after_case_id``): the city's
    by default, a district's where the policy has it decide revocations.

    One message per office member and run, not per case: a run may open hundreds. Cases are counted per county
    (one query), and each county's deciding office is read from its policy.
    """
    opened = (RevocationCase.objects.filter(pk__gt=after_case_id).values("recognition__unit__region_id")
              .annotate(count=Count("pk")).order_by("recognition__unit__region_id"))
    counts = {row["recognition__unit__region_id"]: row["count"] for row in opened}
    if not counts:
        return 0
    year = timezone.localdate().year
    counties = Region.objects.in_bulk(counts)
    policies = policies_for(pairs=[(county, year) for county in counties.values()])
    per_user: dict[int, int] = {}
    for county_id, count in counts.items():
        county = counties[county_id]
        role = OFFICE_ROLES[revocation_office_level(policies[(county_id, year)])]
        for user_id in set(Membership.objects.filter(role=role, region_id__in=county.path_ids, user__is_active=True)
                           .values_list("user_id", flat=True)):
            per_user[user_id] = per_user.get(user_id, 0) + count
    told = 0
    for user in User.objects.filter(pk__in=per_user).order_by("pk"):
        told += len(notify(users=[user], message=f"取消命名检查新立案 {per_user[user.pk]} 件，请核实后确认或不予取消。",
                           url=reverse("revocations:cases")))
    return told
