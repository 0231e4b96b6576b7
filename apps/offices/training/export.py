"""Excel exports of the sessions and of the coordinators' hours, through the one writer."""

from collections.abc import Iterator

from django.db.models import QuerySet

from apps.core.excel import Column, xlsx_table
from apps.registry.coordinators.models import Coordinator

from .models import Training

COLUMNS = [
    Column("举办日期", width=12), Column("活动类型", width=18), Column("方式", width=10),
    Column("举办区域", width=14), Column("举办单位", width=24), Column("主题", width=36, wrap=True),
    Column("培训对象", width=20), Column("学时", width=8), Column("参加人数", width=10),
    Column("参加单位（家）", width=12), Column("参加的协调员", width=30, wrap=True), Column("材料（份）", width=10),
]

HOURS_COLUMNS = [
    Column("姓名", width=12), Column("所属区域", width=14), Column("工作单位", width=28),
    Column("证书编号", width=18, text=True), Column("参加培训（次）", width=14), Column("培训学时", width=10),
]


def _rows(trainings: QuerySet[Training]) -> Iterator[list]:
    trainings = trainings.select_related("region").prefetch_related("coordinators", "materials", "units")
    for training in trainings.iterator(chunk_size=2000):
        yield [
            training.held_on, training.get_kind_display(), training.get_method_display(), training.region.name,
            training.organiser, training.topic, training.audience, training.hours, training.people_count,
            len(training.units.all()), "、".join(c.full_name for c in training.coordinators.all()),
            len(training.materials.all()),
        ]


def trainings_xlsx(trainings: QuerySet[Training]) -> bytes:
    return xlsx_table(title="培训宣传活动", columns=COLUMNS, rows=_rows(trainings))


def coordinator_hours_xlsx(coordinators: QuerySet[Coordinator], *, year: int) -> bytes:
    rows = ([c.full_name, c.region.name, c.employer, c.certificate_number, c.sessions, c.hours]
            for c in coordinators.iterator(chunk_size=2000))
    return xlsx_table(title=f"{year}年协调员培训学时", columns=HOURS_COLUMNS, rows=rows,
                      caption=f"{year}年劳动关系协调员培训学时")
