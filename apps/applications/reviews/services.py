from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from apps.accounts.models import Party, Role, User
from apps.accounts.permissions import in_jurisdiction, memberships_of
from apps.applications.assessments.evidence_files import content_check, detect_type, safe_name
from apps.applications.assessments.kept import application_pages_changed
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import standard_with_items
from apps.applications.workflow.queues import application_queues_changed
from apps.applications.workflow.service import application_transition, transition_problems
from apps.applications.workflow.states import Status
from apps.audit.services import audit_created
from apps.campaigns.selectors import panel_parties_required
from apps.standards.scoring import answer_error
from apps.standards.selectors import criteria_of, standard_spec

from .models import (
    CombinationRule,
    Inspection,
    InspectionPhoto,
    ItemComment,
    LevelScore,
    MemberScore,
    PanelMember,
    ReviewPanel,
    ScoreLevel,
    SpotCheck,
)
from .rounds import sheets_archive

# Where an application waits for the county to open a round of review: a (re)submission, a city send-back.
ROUND_STATUSES = (Status.SUBMITTED, Status.CITY_RETURNED)
PHOTO_TYPES = {"image/jpeg", "image/png"}
MAX_PHOTO_BYTES = 10 * 1024 * 1024


class SheetErrors(ValidationError):
    """Per-item problems of a score sheet: ``error_dict`` maps criterion id → message."""


def _reviewer_party(user: User, application: Application) -> str | None:
    for membership in memberships_of(user):
        if membership.role == Role.COUNTY_REVIEWER and membership.region and membership.region.contains(
            application.unit.region
        ):
            return membership.party
    return None


def panel_form(*, application: Application, reviewers: Iterable[User], rule: str, by: User,
               recorder: User | None = None) -> ReviewPanel:
    """Form the panel with the parties the local policy requires and open county review (submitted → county review)."""
    reviewers = list(reviewers)
    seats = []
    for reviewer in reviewers:
        party = _reviewer_party(reviewer, application)
        if party is None:
            raise ValidationError(gettext("%(reviewer)s 不是本县(市、区)的三方评估人员。") % {"reviewer": reviewer})
        seats.append((reviewer, party))
    required = panel_parties_required(region=application.unit.region, year=application.campaign_year.year)
    missing = [str(Party(p).label) for p in required if p not in {party for _, party in seats}]
    if missing:
        raise ValidationError(gettext("评估组须包含本地实施方案规定的各方人员，还缺：%(missing)s。")
                              % {"missing": pgettext("list separator", "、").join(missing)})
    if rule == CombinationRule.AGREED and recorder not in reviewers:
        raise ValidationError(gettext("采用“以合议记录人的评分表为准”时，请从成员中指定一名合议记录人。"))
    with transaction.atomic():
        panel = ReviewPanel.objects.select_for_update().filter(application=application).first()
        if panel is None:
            panel = ReviewPanel.objects.create(application=application, rule=rule, formed_by=by)
            comment = "组建三方评估组"
        elif application.status in ROUND_STATUSES:
            # Re-formed for a new round: the old members' sheets stay as history, the new members score afresh.
            sheets_archive(panel)
            panel.members.all().delete()
            panel.rule, panel.formed_by = rule, by
            panel.save(update_fields=["rule", "formed_by"])
            comment = "重新组建三方评估组"
        else:
            raise ValidationError(gettext("该申报已组建评估组。"))
        members = PanelMember.objects.bulk_create([
            PanelMember(panel=panel, user=user, party=party, is_recorder=(user == recorder)) for user, party in seats
        ])
        audit_created(instances=members)
        application_pages_changed(application_ids=[application.pk])  # the panel (formed after a pre-check)
        if application.status in ROUND_STATUSES:
            application_transition(application=application, to=Status.COUNTY_REVIEW, by=by, comment=comment)
        else:  # formed in county review (after a pre-check): no move drops the members' workbenches
            application_queues_changed(application=application)
    return panel


def review_round_open(*, application: Application, by: User) -> Application:
    """The same panel scores again: a resubmitted revision, or after a city send-back (back to county review)."""
    if application.status not in ROUND_STATUSES or not ReviewPanel.objects.filter(application=application).exists():
        raise ValidationError(gettext("该申报当前不需要由原评估组重新评分。"))
    comment = (f"原评估组对第 {application.revision} 版重新评分" if application.status == Status.SUBMITTED
               else "市级退回后由原评估组重新评估")
    return application_transition(application=application, to=Status.COUNTY_REVIEW, by=by, comment=comment)


def _check_values(application: Application, values: Mapping[int, tuple[str, str]], *, complete: bool):
    standard = standard_with_items(application.standard_id)
    specs = {spec.code: spec for spec in standard_spec(standard).criteria}
    leaves = [c for c in criteria_of(standard) if c.is_leaf]
    errors: dict[str, str] = {}
    clean: dict[int, tuple[str, str]] = {}
    for criterion in leaves:
        value, comment = values.get(criterion.pk, ("", ""))
        value, comment = (value or "").strip(), (comment or "").strip()[:500]
        if value:
            problem = answer_error(specs[criterion.code], value)
            if problem:
                errors[str(criterion.pk)] = f"{criterion.code}：{problem}"
        elif complete:
            errors[str(criterion.pk)] = criterion.code + "：" + gettext("请评分。")
        clean[criterion.pk] = (value, comment)
    if errors:
        raise SheetErrors(errors)
    return leaves, clean


def sheet_save(*, member: PanelMember, values: Mapping[int, tuple[str, str]], submit: bool, by: User) -> PanelMember:
    """Save a member's own sheet; with ``submit`` every item must be scored. Nothing is saved if any value is bad."""
    application = member.panel.application
    if member.user_id != by.pk:
        raise ValidationError(gettext("只能填写本人的评分表。"))
    if application.status != Status.COUNTY_REVIEW:
        raise ValidationError(gettext("申报当前状态为“%(status)s”，不能评分。")
                              % {"status": application.get_status_display()})
    leaves, clean = _check_values(application, values, complete=submit)
    with transaction.atomic():
        # Checked again under the row lock a decision takes (application_transition): a sheet sent at the
        # moment the county decides either lands before the decision or is refused, never after it.
        status = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
        if status != Status.COUNTY_REVIEW:
            raise ValidationError(gettext("申报当前状态为“%(status)s”，不能评分。") % {"status": Status(status).label})
        for criterion in leaves:
            value, comment = clean[criterion.pk]
            MemberScore.objects.update_or_create(member=member, criterion=criterion,  # named by it, read once
                                                 defaults={"value": value, "comment": comment, "criterion": criterion})
        member.sheet_submitted_at = timezone.now() if submit else None
        member.save(update_fields=["sheet_submitted_at"])
        application_queues_changed(application=application)  # the last sheet in: waiting for a decision
        application_pages_changed(application_ids=[application.pk])  # the member's scores and whether they are in
    return member


# When each level scores: the township during its pre-check, the city while the county's approval awaits it.
LEVEL_SHEET_STATUSES = {
    ScoreLevel.TOWNSHIP: (Status.TOWNSHIP_PRECHECK,),
    ScoreLevel.CITY: (Status.COUNTY_APPROVED,),
}


def level_sheet_save(*, application: Application, level: str, values: Mapping[int, tuple[str, str]],
                     by: User) -> None:
    """The township's pre-check or the city's spot-check scores, only while the application is at that level.

    The status is read again under the row lock that status changes take (application_transition), so a
    sheet saved at the moment the application moves on lands before the move or is refused.
    """
    _, clean = _check_values(application, values, complete=False)
    with transaction.atomic():
        status = Application.objects.select_for_update().values_list("status", flat=True).get(pk=application.pk)
        if status not in LEVEL_SHEET_STATUSES.get(level, ()):
            raise ValidationError(
                gettext("申报当前状态为“%(status)s”，不能填写%(sheet)s。")
                % {"status": Status(status).label, "sheet": ScoreLevel(level).label}
            )
        for criterion_id, (value, comment) in clean.items():
            if value or comment:
                LevelScore.objects.update_or_create(
                    application=application, level=level, criterion_id=criterion_id,
                    defaults={"value": value, "comment": comment, "by": by},
                )
        application_pages_changed(application_ids=[application.pk])


def inspection_add(*, application: Application, visited_on: date, people: str, findings: str, by: User,
                   photos: Iterable[UploadedFile] = ()) -> Inspection:
    photos = list(photos)
    for photo in photos:
        if photo.size > MAX_PHOTO_BYTES:
            raise ValidationError(gettext("照片“%(name)s”超过 10 MB。") % {"name": safe_name(photo.name)})
        detected = detect_type(photo)
        if detected not in PHOTO_TYPES:
            raise ValidationError(gettext("“%(name)s”不是 JPEG 或 PNG 图片（识别为 %(detected)s），不能上传。")
                                  % {"name": safe_name(photo.name), "detected": detected})
        content_check(photo, detected=detected)
    with transaction.atomic():
        inspection = Inspection(application=application, visited_on=visited_on, people=people.strip(),
                                findings=findings.strip(), recorded_by=by)
        inspection.full_clean()
        inspection.save()
        for photo in photos:
            InspectionPhoto.objects.create(inspection=inspection, file=photo, original_name=safe_name(photo.name),
                                           content_type=detect_type(photo), size=photo.size)
        application_pages_changed(application_ids=[application.pk])
    return inspection


# The county's decisions (reviews.forms.DecisionForm) and the status each moves the application to.
DECISION_TARGETS = {"approve": Status.COUNTY_APPROVED, "return": Status.RETURNED, "reject": Status.NOT_PASSED}


def review_return(*, application: Application, by: User, reason: str, item_comments: Mapping[int, str]) -> None:
    """Return for revision: the unit sees the reason and the per-item comments, and resubmits."""
    with transaction.atomic():
        comments = ItemComment.objects.bulk_create([
            ItemComment(application=application, revision=application.revision, criterion_id=criterion_id,
                        text=text.strip()[:1000], by=by)
            for criterion_id, text in item_comments.items() if text.strip()
        ])
        audit_created(instances=comments)
        application_transition(application=application, to=DECISION_TARGETS["return"], by=by, comment=reason)


def review_decide(*, application: Application, by: User, decision: str, reason: str = "") -> Application:
    return application_transition(application=application, to=DECISION_TARGETS[decision], by=by, comment=reason)


def decision_problems(*, application: Application, by: User, decision: str, reason: str = "") -> list[str]:
    """Why the county's ``decision`` would be refused now (a score under the pass line, a sheet not in): asked
    before the confirmation step, so that nobody confirms a decision only to be told it cannot be taken."""
    return transition_problems(application=application, to=DECISION_TARGETS[decision], by=by, comment=reason)


def city_confirm_batch(*, applications: Iterable[Application], by: User) -> tuple[int, list[str]]:
    """Confirm many applications; each one commits on its own, failures are reported, not fatal."""
    confirmed, failures = 0, []
    for application in applications:
        try:
            with transaction.atomic():
                application_transition(application=application, to=Status.CITY_CONFIRMED, by=by)
        except ValidationError as exc:
            failures.append(f"{application.unit.name}：{'；'.join(exc.messages)}")
        else:
            confirmed += 1
    return confirmed, failures


def spot_check_add(*, application: Application, findings: str, by: User) -> SpotCheck:
    if not findings.strip():
        raise ValidationError(gettext("请填写抽查情况。"))
    with transaction.atomic():
        spot_check = SpotCheck.objects.create(application=application, findings=findings.strip(), by=by)
        application_pages_changed(application_ids=[application.pk])
    return spot_check


def may_review_in(user: User, application: Application, role: str) -> bool:
    return in_jurisdiction(user, application.unit.region, [role])


def may_review_in_township(user: User, application: Application) -> bool:
    """Township staff act on applications of units in their township (or a park office over it)."""
    unit = application.unit
    return any(in_jurisdiction(user, region, [Role.TOWNSHIP_STAFF]) for region in (unit.township, unit.region)
               if region is not None)
