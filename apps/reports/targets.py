"""Target responsibility (目标责任制): tasks per region and year, and the indicators' actuals against targets.

The tasks (TargetTask) say what each region must do, which department answers for it, by when and how far it
has come; the indicators (Indicator, IndicatorValue, recorded on /reports/indicators/) say what figure it must
reach. ``target_figures`` puts both together for the dashboard and the yearly report.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, Q, QuerySet, When
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction, subtree_q
from apps.core.excel import Column, xlsx_table
from apps.regions.models import Region, RegionLevel
from apps.registry.units.home import unit_home_changed
from apps.registry.units.models import Unit

from .models import Indicator, IndicatorValue, TargetTask, TaskStatus

# Who works on target tasks: the county and city offices, and a township's staff (its own tasks and its units').
TARGET_ROLES = (Role.TOWNSHIP_STAFF, *ADMIN_ROLES)


def task_list_for(*, user: User) -> QuerySet[TargetTask]:
    """Tasks of regions in the user's jurisdiction: the county and city offices', and a township's staff those of
    their township (its own tasks and the units' it assigned); deny by default."""
    return scope_to_jurisdiction(TargetTask.objects.select_related("region", "unit"), user, fields=("region",),
                                 roles=TARGET_ROLES)


def unit_tasks_of(*, unit_ids: Iterable[int]) -> QuerySet[TargetTask]:
    """The tasks naming the given units (a representative's own), open ones first, by deadline."""
    return (TargetTask.objects.filter(unit_id__in=list(unit_ids)).select_related("region", "unit")
            .order_by(Case(When(status=TaskStatus.DONE, then=1), default=0), "deadline", "pk"))


# The 包保 chain (seed 003 三(五)): the levels an office at a level assigns tasks to, its own included.
ASSIGNED_LEVELS = {
    RegionLevel.PROVINCE: (RegionLevel.PROVINCE, RegionLevel.CITY),
    RegionLevel.CITY: (RegionLevel.CITY, RegionLevel.COUNTY),
    RegionLevel.COUNTY: (RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY),
}


def assignable_regions_for(*, user: User) -> QuerySet[Region]:
    """Regions a county or city office assigns tasks to: its own and the next links of the chain below it."""
    condition = Q(pk__in=[])
    for root in regions_for(user, ADMIN_ROLES):
        condition |= Q(path__startswith=root.path, level__in=ASSIGNED_LEVELS.get(root.level, (root.level,)))
    return Region.objects.filter(condition).order_by("path")


def township_places_for(*, user: User) -> list[Region]:
    """The townships (or communities) whose staff the user is: where they assign tasks to units."""
    return regions_for(user, (Role.TOWNSHIP_STAFF,))


def assignable_units_for(*, user: User, within: Region | None = None) -> QuerySet[Unit]:
    """Units a township's staff assign tasks to: those in their township (or, ``within``, in that place)."""
    places = [within] if within is not None else township_places_for(user=user)
    if not places:
        return Unit.objects.none()
    return Unit.objects.filter(subtree_q(places, fields=("township",))).order_by("name", "pk")


def target_task_save(*, task: TargetTask | None = None, region: Region, year: int, title: str, department: str,
                     deadline: datetime.date, progress: int, progress_note: str, status: str,
                     by: User) -> TargetTask:
    """Create a task, or change one (its progress, or what was assigned)."""
    task = task or TargetTask(assigned_by=by)
    task.region, task.year, task.title, task.department = region, year, title.strip(), department.strip()
    task.deadline, task.progress, task.progress_note, task.status = deadline, progress, progress_note.strip(), status
    task.full_clean()
    task.save()
    unit_home_changed(unit_ids=[task.unit_id])  # a unit's task shows on its representative's workbench
    return task


def target_unit_task_save(*, task: TargetTask | None = None, unit: Unit, responsible_person: str, year: int,
                          title: str, deadline: datetime.date, progress: int, progress_note: str, status: str,
                          by: User) -> TargetTask:
    """A township's task for a unit it answers for (包保): the unit's place is the task's region and the office
    answering for it, the township's responsible person is named."""
    task = task or TargetTask(assigned_by=by)
    unit_home_changed(unit_ids=[task.unit_id])  # the unit it named before, when it is moved to another
    task.unit, task.responsible_person = unit, responsible_person.strip()
    place = unit.township
    return target_task_save(task=task, region=place, year=year, title=title, department=place.name if place else "",
                            deadline=deadline, progress=progress, progress_note=progress_note, status=status, by=by)


def target_task_progress_save(*, task: TargetTask, progress: int, status: str, progress_note: str,
                              by: User) -> TargetTask:
    """The assigned region's own report of how far its task has come (what was assigned stays as it was)."""
    task.progress, task.status, task.progress_note = progress, status, progress_note.strip()
    task.full_clean()
    task.save(update_fields=["progress", "status", "progress_note", "updated_at"])
    unit_home_changed(unit_ids=[task.unit_id])
    return task


TASK_COLUMNS = [
    Column("地区", width=14), Column("层级", width=12), Column("包保单位", width=24), Column("年度", width=8),
    Column("目标任务", width=40, wrap=True), Column("责任部门", width=20), Column("包保责任人", width=12),
    Column("完成时限", width=12), Column("完成进度（%）", width=10), Column("状态", width=10),
    Column("进展情况", width=40, wrap=True), Column("是否逾期", width=10),
]


def target_tasks_xlsx(tasks: QuerySet[TargetTask], *, today: datetime.date) -> bytes:
    rows = ([task.region.name, task.level_label, task.unit.name if task.unit else "", task.year, task.title,
             task.department, task.responsible_person, task.deadline, task.progress, task.get_status_display(),
             task.progress_note, "逾期" if task.is_overdue(today) else ""]
            for task in tasks.iterator(chunk_size=500))
    return xlsx_table(title="目标责任任务", columns=TASK_COLUMNS, rows=rows)


@dataclass(frozen=True)
class IndicatorStanding:
    """One indicator's actual against its target in a region and year (None: not recorded)."""

    name: str
    unit: str
    target: Decimal | None
    actual: Decimal | None
    is_example: bool = False

    @property
    def is_met(self) -> bool | None:
        if self.target is None or self.actual is None:
            return None
        return self.actual >= self.target


@dataclass(frozen=True)
class TargetFigures:
    """A region's target responsibility in a year: its tasks and those down its chain, and its own indicators."""

    region: Region
    year: int
    as_of: datetime.date
    tasks: int = 0
    done: int = 0
    overdue: int = 0
    indicators: list[IndicatorStanding] = field(default_factory=list)

    @property
    def open(self) -> int:
        return self.tasks - self.done

    @property
    def met(self) -> int:
        return sum(1 for s in self.indicators if s.is_met is True)

    @property
    def behind(self) -> list[IndicatorStanding]:
        """The indicators whose actual is below the target: what the dashboard and report name."""
        return [s for s in self.indicators if s.is_met is False]

    @property
    def unreported(self) -> int:
        return sum(1 for s in self.indicators if s.is_met is None)


def targets_by_region(regions: Iterable[Region], year: int, *,
                      today: datetime.date | None = None) -> dict[int, TargetFigures]:
    """``TargetFigures`` of each region, in three queries whatever their number.

    A region's tasks are its own and those down its chain (a county's townships and communities, and their
    units'), except those of a region also asked for: a city asked with its counties counts its own, each county
    its own and its townships', so the rows add up to the whole without counting a task twice."""
    regions = list(regions)
    if not regions:
        return {}
    today = today or timezone.localdate()
    as_of = min(today, datetime.date(year, 12, 31))
    within = Q()
    for region in regions:
        within |= Q(region__path__startswith=region.path)
    tasks: dict[int, dict[str, int]] = defaultdict(lambda: {"total": 0, "done": 0, "overdue": 0})
    by_path = {region.path: region.pk for region in regions}
    for row in (TargetTask.objects.filter(within, year=year).values("region__path")
                .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE)),
                          overdue=Count("pk", filter=~Q(status=TaskStatus.DONE) & Q(deadline__lt=as_of)))
                .order_by()):
        # The nearest region asked for at or above the task's region (its path's longest listed prefix).
        path = row["region__path"]
        owner = max((prefix for prefix in by_path if path.startswith(prefix)), key=len)
        for key in ("total", "done", "overdue"):
            tasks[by_path[owner]][key] += row[key]
    catalogue_regions = {pk for region in regions for pk in region.path_ids}
    catalogue = list(Indicator.objects.filter(region_id__in=catalogue_regions)
                     .order_by("region__path", "position", "pk"))
    values: dict[int, dict[int, IndicatorValue]] = defaultdict(dict)
    for value in IndicatorValue.objects.filter(region__in=regions, year=year):
        values[value.region_id][value.indicator_id] = value
    figures = {}
    for region in regions:
        above = set(region.path_ids)
        standings = []
        for indicator in catalogue:
            if indicator.region_id not in above:
                continue
            value = values[region.pk].get(indicator.pk)
            standings.append(IndicatorStanding(
                name=indicator.name, unit=indicator.unit, target=value.target if value else None,
                actual=value.actual if value else None, is_example=bool(value and value.is_example)))
        row = tasks[region.pk]
        figures[region.pk] = TargetFigures(region=region, year=year, as_of=as_of, tasks=row["total"],
                                           done=row["done"], overdue=row["overdue"], indicators=standings)
    return figures


def target_figures(region: Region, year: int, *, today: datetime.date | None = None) -> TargetFigures:
    """The region's target figures in ``year``: its tasks and those below it (counted as of the year's end, or
    today), its own indicators."""
    return targets_by_region([region], year, today=today)[region.pk]
