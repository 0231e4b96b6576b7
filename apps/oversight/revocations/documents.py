"""The revocation notice (取消命名公告) of one confirmed case as an official document (PDF and Word)."""

from django.utils import timezone

from apps.core.official import OfficialDocument, chinese_date

from .models import RevocationCase
from .selectors import revocation_notice_parts


def revocation_notice_document(case: RevocationCase) -> OfficialDocument:
    """The notice in the wording of the locality's policy, signed by the office that revoked the title."""
    recognition = case.recognition
    [(text, office)] = revocation_notice_parts([case])
    dated = recognition.revoked_on or timezone.localdate(case.decided_at or timezone.now())
    body = [text, f"原证书（编号{recognition.number}）自{chinese_date(dated)}起作废。", "特此公告。"]
    return OfficialDocument(title=f"关于取消{recognition.unit.name}“{recognition.title}”称号的公告", office=office,
                            dated=dated, body=body)
