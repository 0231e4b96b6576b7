"""Excel exports of the expert pool (评估专家库) and of the draw log (专家抽取记录), through the one writer; headers
in Chinese whatever the session's language, as every export's."""

from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet

from apps.accounts.models import Party
from apps.core.excel import Column, xlsx_table

from .models import Expert, ExpertDraw

POOL_COLUMNS = [
    Column("所属地区", width=14), Column("姓名", width=10), Column("所属方", width=18), Column("工作单位", width=26),
    Column("工作单位统一社会信用代码", width=22, text=True), Column("所在乡镇(街道)", width=14),
    Column("职务/职称", width=14), Column("评分账号", width=14), Column("在库", width=6),
    Column("申报的利害关系", width=40, wrap=True),
]
COLUMNS = [
    Column("抽取时间", width=18), Column("申报单位", width=34), Column("所属县(市、区)", width=14),
    Column("类型", width=12), Column("替换的专家", width=12), Column("不能参加的原因", width=24, wrap=True),
    Column("随机种子", width=34, text=True), Column("每方抽取人数", width=12), Column("回避同一乡镇(街道)", width=14),
    Column("候选人数", width=10), Column("回避人数", width=10), Column("抽取结果", width=40, wrap=True),
    Column("抽取人", width=12),
]
CHUNK = 500


def experts_xlsx(experts: list[Expert]) -> bytes:
    """The pool as listed (``experts`` with their relations prefetched)."""
    return xlsx_table(title="评估专家库", columns=POOL_COLUMNS, rows=(
        [expert.region.name, expert.name, expert.get_party_display(), expert.employer, expert.credit_code,
         expert.township.name if expert.township else "", expert.title, expert.user.username if expert.user else "",
         "是" if expert.is_active else "否",
         "；".join(f"{relation.unit_name}（{relation.relation}）" for relation in expert.relations.all())]
        for expert in experts))


def _chosen(draw: ExpertDraw, experts: dict[int, Expert]) -> str:
    parts = []
    for party, ids in sorted(draw.chosen.items()):
        names = "、".join(experts[pk].name if pk in experts else f"#{pk}" for pk in ids)
        parts.append(f"{Party(party).label}：{names}" if party in Party.values else names)
    return "；".join(parts)


def _rows(draws: QuerySet[ExpertDraw]) -> Iterator[list]:
    """The drawn experts' names are read once per chunk of draws (the log keeps their ids)."""
    stream = draws.iterator(chunk_size=CHUNK)
    while chunk := list(islice(stream, CHUNK)):
        ids = {pk for draw in chunk for pks in draw.chosen.values() for pk in pks}
        experts = Expert.objects.only("pk", "name").in_bulk(ids) if ids else {}
        for draw in chunk:
            yield [
                draw.created_at, draw.application.unit.name, draw.application.unit.region.name,
                "替换抽取" if draw.replaces_id else "组建评估组", draw.replaces.name if draw.replaces_id else "",
                draw.decline_reason, draw.seed, draw.per_party, "是" if draw.same_township_excluded else "否",
                sum(len(pks) for pks in draw.candidates.values()), len(draw.excluded), _chosen(draw, experts),
                str(draw.by),
            ]


def draws_xlsx(draws: QuerySet[ExpertDraw]) -> bytes:
    return xlsx_table(title="专家抽取记录", columns=COLUMNS, rows=_rows(draws))
