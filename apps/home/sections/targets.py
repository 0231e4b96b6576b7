"""The workbench lists of the 包保 chain's lower links (used by apps/home/workbench.py): the tasks a township or
community was assigned, for its staff to report on, and the tasks naming a unit, for its representative to read."""

from django.db.models import Count, Q, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.core.pagination import TOTAL
from apps.home.items import HomeItem
from apps.home.sections.reviews import SHOWN, items_with_more
from apps.reports.models import TargetTask, TaskStatus
from apps.reports.targets import unit_tasks_of


def _note(task: TargetTask) -> str:
    note = _("期限 %(deadline)s · 进度 %(progress)s%% · %(status)s") % {
        "deadline": f"{task.deadline:%Y-%m-%d}", "progress": task.progress, "status": task.get_status_display()}
    if task.is_overdue(timezone.localdate()):
        note += _(" · 已逾期")
    return note


def place_tasks(membership: Membership) -> list:
    """The open tasks assigned to the staff's township (or its communities), earliest deadline first."""
    region = membership.region
    rows = (TargetTask.objects.filter(region__path__startswith=region.path, unit__isnull=True)
            .exclude(status=TaskStatus.DONE).select_related("region").order_by("deadline", "pk"))
    return items_with_more(
        rows, lambda task: HomeItem(label=task.title[:60], url=reverse("reports:target_edit", args=[task.pk]),
                                    note=_note(task)),
        f"{reverse('reports:targets')}?region={region.pk}",
    )


def unit_tasks(membership: Membership) -> list:
    """The tasks naming the representative's unit: the open ones and this year's done ones, read-only (the
    township that answers for the unit records the progress)."""
    rows = (unit_tasks_of(unit_ids=[membership.unit_id])
            .filter(Q(year=timezone.localdate().year) | ~Q(status=TaskStatus.DONE))
            .annotate(**{TOTAL: Window(Count("*"))}))
    shown = list(rows[:SHOWN])
    items = [HomeItem(label=task.title[:60], note=_("%(note)s · 包保：%(place)s %(person)s") % {
        "note": _note(task), "place": task.region.name, "person": task.responsible_person}) for task in shown]
    total = getattr(shown[0], TOTAL) if shown else 0
    if total > SHOWN:
        items.append(HomeItem(label=_("另有 %(n)s 项任务，请向包保责任人了解。") % {"n": total - SHOWN}))
    return items
