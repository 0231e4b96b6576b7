from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import Role, User
from apps.applications.assessments.evidence_files import evidence_file_check, safe_name
from apps.applications.assessments.selectors import staff_over_unit
from apps.core.region_cache import region_part_changed
from apps.notifications.services import notify
from apps.regions.models import Region
from apps.registry.units.models import Unit

from .models import TOKEN_VALID_DAYS, ApiClient, EntryChannel, RiskAttachment, RiskEvent
from .selectors import total_parts

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# The county workbench's list of this month's events (apps/home/sections/risks.py), kept per region.
MONTH_EVENTS_PART = "risks:month"


def _check_date(occurred_on: date) -> None:
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": gettext("发生日期不能晚于今天。")})


def risk_event_create(
    *,
    unit: Unit,
    kind: str,
    occurred_on: date,
    severity: int,
    source: str,
    description: str,
    by: User | None,
    channel: str = EntryChannel.FORM,
    files: list[UploadedFile] = (),
) -> RiskEvent:
    _check_date(occurred_on)
    for upload in files:  # every file is checked before anything is written
        _attachment_check(upload)
    event = RiskEvent(unit=unit, kind=kind, occurred_on=occurred_on, severity=severity, source=source.strip(),
                      description=description.strip(), channel=channel, created_by=by)
    event.full_clean()
    event.save()
    for upload in files:
        risk_attachment_add(event=event, upload=upload, by=by)
    risk_events_changed(events=[event])
    risk_events_notify(events=[event], by=by)
    return event


def risk_events_changed(*, events: list[RiskEvent]) -> None:
    """Drop the kept lists of this month's events, and the list's kept counts (``risk_event_total_kept``), of
    every region the events' units lie in or under."""
    ids = {event.unit.region_id for event in events} | {event.unit.township_id for event in events}
    paths = Region.objects.filter(pk__in=ids - {None}).values_list("path", flat=True)
    region_ids = {pk for path in paths for pk in Region(path=path).path_ids}
    for part in (MONTH_EVENTS_PART, *total_parts(event.kind for event in events)):
        region_part_changed(part, region_ids=region_ids)


def risk_events_notify(*, events: list[RiskEvent], by: User | None) -> int:
    """Tell the county office of the events' units (not the person who recorded them): one message per county.

    One event is named with its link; an import of many is counted, with the link to the list.
    """
    by_county: dict[int, list[RiskEvent]] = defaultdict(list)
    for event in events:
        by_county[event.unit.region_id].append(event)
    told = 0
    for county_events in by_county.values():
        first = county_events[0]
        admins = staff_over_unit(unit=first.unit, role=Role.COUNTY_ADMIN)
        if by is not None:
            admins = admins.exclude(pk=by.pk)
        if len(county_events) == 1:
            message = (f"“{first.unit.name}”新登记风险事件：{first.get_kind_display()}"
                       f"（{first.get_severity_display()}，{first.occurred_on:%Y-%m-%d}，来源：{first.source}），"
                       "请及时核实。")
            url = reverse("risks:detail", args=[first.pk])
        else:
            message = f"辖区内单位新登记风险事件 {len(county_events)} 条，请及时核实。"
            url = reverse("risks:list")
        told += len(notify(users=admins, message=message, url=url))
    return told


def _attachment_check(upload: UploadedFile) -> None:
    """Attachments are held to the same rules as application evidence: size, type by content, no hidden code."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"files": gettext("附件“%(name)s”超过 20 MB。") % {"name": safe_name(upload.name)}})
    try:
        evidence_file_check(upload)
    except ValidationError as error:
        raise ValidationError({"files": error.messages}) from error


def risk_attachment_add(*, event: RiskEvent, upload: UploadedFile, by: User) -> RiskAttachment:
    _attachment_check(upload)
    attachment = RiskAttachment(event=event, original_name=safe_name(upload.name), size=upload.size, uploaded_by=by)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


def risk_event_receive(
    *,
    client: ApiClient,
    external_id: str,
    unit: Unit,
    kind: str,
    occurred_on: date,
    severity: int,
    source: str,
    description: str,
) -> tuple[RiskEvent, bool]:
    """Record an event posted by another system; a repeat of its id returns the stored event.

    Idempotency rests on the unique constraint on (client, external id): a
    concurrent duplicate loses the INSERT inside a savepoint and reads the
    winner's row instead. Returns (event, created).
    """
    existing = RiskEvent.objects.filter(api_client=client, external_id=external_id).first()
    if existing is not None:
        return existing, False
    _check_date(occurred_on)
    event = RiskEvent(unit=unit, kind=kind, occurred_on=occurred_on, severity=severity,
                      source=source.strip() or client.name, description=description.strip(),
                      channel=EntryChannel.API, api_client=client, external_id=external_id)
    event.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:
        return RiskEvent.objects.get(api_client=client, external_id=external_id), False
    risk_events_changed(events=[event])
    risk_events_notify(events=[event], by=None)
    return event, True


def api_client_create(*, name: str, source: str, region) -> tuple[ApiClient, str]:
    """Register a source system; returns the client and its token, which is shown only this once."""
    client = ApiClient(name=name, source=source, region=region)
    token = client.issue_token()
    client.full_clean()
    client.save()
    return client, token


def api_client_token_rotate(*, client: ApiClient, valid_days: int = TOKEN_VALID_DAYS) -> str:
    """Replace the client's token with a new one valid for ``valid_days``; the old one stops working at once.

    The new token is returned (shown once); only its digest is stored.
    """
    if not 1 <= valid_days <= 3 * 365:
        raise ValidationError(gettext("令牌有效期应在 1 到 1095 天之间。"))
    token = client.issue_token(valid_days=valid_days)
    client.save(update_fields=["token_hash", "token_expires_at"])
    return token
