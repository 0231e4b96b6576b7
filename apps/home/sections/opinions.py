"""Department consultations on the home page: what a department must answer, and the objections its answers raised
for the naming office (used by apps/home/workbench.py). One query a section."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.applications.opinions.models import ConsultationRequest, DepartmentOpinion, OpinionStatus
from apps.applications.workflow.queues import OPINIONS_PART
from apps.core.region_cache import region_cached
from apps.home.items import HomeItem

from .reviews import items_with_more


def requests_awaiting(membership: Membership) -> list:
    rows = (ConsultationRequest.objects.filter(
        department__staff=membership.user, department__region=membership.region, answered_at__isnull=True,
        consultation__deadline__gte=timezone.localdate())
        .select_related("consultation", "department").order_by("consultation__deadline", "pk"))
    return items_with_more(
        rows,
        lambda r: HomeItem(label=r.consultation.title, url=reverse("opinions:answer", args=[r.pk]),
                           note=_("%(department)s，%(date)s 前答复") % {
                               "department": r.department.name, "date": f"{r.consultation.deadline:%Y-%m-%d}"}),
        reverse("opinions:inbox"),
    )


def objections_pending(membership: Membership) -> list:
    """Departments' objections in the region waiting to be handled, kept per region
    (apps/applications/workflow/queues.py)."""
    return region_cached(OPINIONS_PART, membership.region_id, lambda: _objections_pending(membership))


def _objections_pending(membership: Membership) -> list:
    rows = (DepartmentOpinion.objects.filter(
        status=OpinionStatus.PENDING, request__consultation__region__path__startswith=membership.region.path)
        .select_related("entry__application__unit", "request__department").order_by("pk"))
    return items_with_more(
        rows,
        lambda o: HomeItem(label=o.entry.application.unit.name,
                           note=_("%(department)s提出异议，待处理") % {"department": o.request.department.name},
                           url=reverse("opinions:detail", args=[o.request.consultation_id])),
        reverse("opinions:list"),
    )
