"""The report's text, written from its figures in the register of a work report (工作总结).

The report follows the structure officials use: 一、基本情况 二、主要做法和成效 三、存在的问题 四、下一步工作打算,
then the tables as 附件. Each paragraph is one small function of ``Facts`` (the same ``Table`` objects the
附件 prints, so a sentence can never disagree with a table) returning its text, or None when it has nothing to
say. ``PARAGRAPHS`` lists them in order with their chapter; the county's own words (``CountyNarrative``) and
typical cases take their places among them.

To add a paragraph (training, supervision, …): give its figures a section in ``figures.SECTION_BUILDERS`` (it
then prints as an 附件 table too), write ``def training(facts: Facts) -> str | None`` reading
``facts.table("<key>")`` and add ``(Chapter.PRACTICE, training)`` to ``PARAGRAPHS`` where it belongs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from .figures import Scope, Section, Table
from .models import CountyNarrative, ReportKind, TypicalCase

# Figures named in a sentence at most this many at a time (the rest are in the 附件 tables).
LISTED = 3


class Chapter(StrEnum):
    BASIC = "basic"
    PRACTICE = "practice"
    PROBLEMS = "problems"
    NEXT = "next"


def chapter_titles() -> dict[Chapter, str]:
    return {
        Chapter.BASIC: _("一、基本情况"),
        Chapter.PRACTICE: _("二、主要做法和成效"),
        Chapter.PROBLEMS: _("三、存在的问题"),
        Chapter.NEXT: _("四、下一步工作打算"),
    }


@dataclass
class Facts:
    """What the sentences are written from: the report's figures, and the county's own words."""

    kind: str
    scope: Scope
    sections: list[Section]
    narrative: CountyNarrative | None = None
    cases: list[TypicalCase] = field(default_factory=list)

    def table(self, key: str) -> Table | None:
        return next((table for section in self.sections for table in section.tables if table.key == key), None)

    @property
    def area(self) -> str:
        """全市 / 全县 / 全区 / 全旗: by the last character of the region's name."""
        last = self.scope.region.name[-1:]
        return _("全%(level)s") % {"level": last if last in "市县区旗" else _("县")}

    @property
    def period(self) -> str:
        years = self.scope.years
        if len(years) == 1:
            return _("%(year)s年") % {"year": years[0]}
        return _("%(first)s年以来") % {"first": years[0]}

    @property
    def before(self) -> str:
        return _("上年") if len(self.scope.years) == 1 else _("上期")

    @property
    def is_city(self) -> bool:
        return self.scope.is_city

    @property
    def as_of_text(self) -> str:
        """The day standing figures are counted on, as a sentence writes it (2026年12月31日)."""
        day = self.scope.as_of
        return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}


@dataclass
class Block:
    """One piece of a chapter: a paragraph (the portal's or the county's), a sub-heading, or a typical case."""

    text: str
    kind: str = "paragraph"  # "paragraph" | "heading" | "case"
    title: str = ""
    by_county: bool = False  # the county's own words, printed as written


@dataclass
class ChapterText:
    key: Chapter
    title: str
    blocks: list[Block]


# Numbers as a work report writes them.

def number(value) -> str:
    if value is None:
        return "—"
    return f"{value:,}" if isinstance(value, int) else str(value)


def percent(value) -> str:
    return "—" if value is None else f"{value}%"


def growth(now: int | None, before: int | None, facts: Facts, *, unit: str) -> str:
    """较上年增加 M 家，增长 X%: or that there is nothing to compare with, said plainly."""
    if before is None:
        return _("%(before)s未开展创建活动，无可比数据") % {"before": facts.before}
    if now == before:
        return _("与%(before)s持平") % {"before": facts.before}
    change = now - before
    verb = _("增加") if change > 0 else _("减少")
    text = _("较%(before)s%(verb)s%(n)s%(unit)s") % {"before": facts.before, "verb": verb,
                                                      "n": number(abs(change)), "unit": unit}
    if before == 0:
        return text + _("（%(before)s为0，无法计算增幅）") % {"before": facts.before}
    rate = (Decimal(abs(change)) * 100 / before).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return text + _("，%(word)s%(rate)s%%") % {"word": _("增长") if change > 0 else _("下降"), "rate": rate}


def points(now: Decimal | None, before: Decimal | None, facts: Facts) -> str:
    """A rate against the previous period, in percentage points."""
    if before is None or now is None:
        return _("%(before)s无可比数据") % {"before": facts.before}
    change = now - before
    if change == 0:
        return _("与%(before)s持平") % {"before": facts.before}
    return _("较%(before)s%(verb)s%(n)s个百分点") % {
        "before": facts.before, "verb": _("提高") if change > 0 else _("下降"), "n": abs(change)}


def listing(items: list[str]) -> str:
    return "、".join(items)


def short_title(title: str) -> str:
    """An item's text as a sentence names it: its first clause, marked as shortened (the 附件 has it whole)."""
    for mark in "，；。：,;":
        if mark in title:
            return title.split(mark, 1)[0] + "……"
    return title


def counties_named(names: list[str]) -> str:
    """A few counties by name; many as a count (the 附件 table lists them)."""
    if len(names) <= LISTED:
        return listing(names)
    return _("其余%(n)s个县(市、区)") % {"n": len(names)}


def whole(table: Table | None) -> list | None:
    """The row a sentence states for the whole area: the 合计 of a city's counties, a county's one row."""
    if table is None or not table.rows:
        return None
    return table.total or table.rows[0]


# 一、基本情况

def participation(facts: Facts) -> str | None:
    overview = facts.table("overview")
    by_kind = facts.table("by_kind")
    units = overview.keyed("units")[1]
    _label, now, before, _change = overview.keyed("submitted")
    text = _("%(period)s，%(area)s已核验参与创建的单位共%(units)s家；本期共有%(n)s家单位提交创建申报，%(growth)s") % {
        "period": facts.period, "area": facts.area, "units": number(units), "n": number(now),
        "growth": growth(now, before, facts, unit=_("家"))}
    kinds = [_("%(kind)s%(n)s家") % {"kind": row[0], "n": number(row[1])} for row in by_kind.rows if row[1]]
    if len(kinds) > 1:
        text += _("。其中%(kinds)s") % {"kinds": listing(kinds)}
    return text + "。"


def results(facts: Facts) -> str | None:
    overview = facts.table("overview")
    passed, rate = overview.keyed("passed"), overview.keyed("pass_rate")
    not_passed, named, revoked = overview.keyed("not_passed"), overview.keyed("named"), overview.keyed("revoked")
    if not overview.keyed("submitted")[1]:
        return _("本期尚无单位提交创建申报，暂无评估验收结果。")
    if passed[2] is None:  # participation() has said there is nothing to compare with
        return _("经县级协调劳动关系三方评估验收，通过%(passed)s家，通过率%(rate)s；未通过%(not_passed)s家。"
                 "本期认定命名%(named)s家，取消命名%(revoked)s家。") % {
            "passed": number(passed[1]), "rate": percent(rate[1]), "not_passed": number(not_passed[1]),
            "named": number(named[1]), "revoked": number(revoked[1])}
    return _("经县级协调劳动关系三方评估验收，通过%(passed)s家，%(growth)s；通过率%(rate)s，%(points)s；"
             "未通过%(not_passed)s家。本期认定命名%(named)s家，取消命名%(revoked)s家。") % {
        "passed": number(passed[1]), "growth": growth(passed[1], passed[2], facts, unit=_("家")),
        "rate": percent(rate[1]), "points": points(rate[1], rate[2], facts),
        "not_passed": number(not_passed[1]), "named": number(named[1]), "revoked": number(revoked[1])}


def counties(facts: Facts) -> str | None:
    """The counties ranked (a city's report)."""
    table = facts.table("by_county")
    if table is None or not any(row[2] for row in table.rows):
        return None
    by_submitted = sorted((row for row in table.rows if row[2]), key=lambda row: (-row[2], row[0]))
    rated = sorted((row for row in table.rows if row[4] is not None), key=lambda row: (-row[4], row[0]))
    text = _("从各县(市、区)看，提交申报较多的是%(top)s") % {
        "top": listing([_("%(name)s（%(n)s家）") % {"name": row[0], "n": number(row[2])}
                        for row in by_submitted[:LISTED]])}
    if len(rated) > 1:
        text += _("；通过率最高的是%(high)s（%(high_rate)s），最低的是%(low)s（%(low_rate)s）") % {
            "high": rated[0][0], "high_rate": percent(rated[0][4]),
            "low": rated[-1][0], "low_rate": percent(rated[-1][4])}
    silent = [row[0] for row in table.rows if not row[2]]
    if silent:
        text += _("；%(names)s本期尚无单位提交申报") % {"names": counties_named(silent)}
    return text + "。"


def progress(facts: Facts) -> str | None:
    table = facts.table("stages")
    waiting = [_("%(stage)s%(n)s家") % {"stage": row[0], "n": number(row[1])} for row in table.rows if row[1]]
    if not waiting:
        return None
    return _("截至报告生成时，本期申报共%(n)s家，所处阶段为：%(stages)s。") % {
        "n": number(table.total[1]), "stages": listing(waiting)}


def satisfaction(facts: Facts) -> str | None:
    table, overview = facts.table("satisfaction"), facts.table("overview")
    surveys, respondents, rate = (table.keyed(key)[1] for key in ("surveys", "respondents", "rate"))
    if not surveys:
        return _("本期未开展职工满意度调查。")
    before = overview.keyed("satisfaction")[2]
    return _("%(n)s家单位开展了职工满意度调查，%(people)s人次职工参与答卷，综合满意率%(rate)s，%(points)s。") % {
        "n": number(surveys), "people": number(respondents), "rate": percent(rate),
        "points": points(rate, before, facts)}


def trend(facts: Facts) -> str | None:
    table = facts.table("trend")
    if table is None or len(table.rows) < 2:
        return None
    first, last = table.rows[0], table.rows[-1]
    return _("从历年情况看，提交申报由%(y0)s年的%(s0)s家变为%(y1)s年的%(s1)s家，"
             "县级验收通过由%(p0)s家变为%(p1)s家，累计认定命名%(named)s家。") % {
        "y0": first[0], "s0": number(first[1]), "y1": last[0], "s1": number(last[1]),
        "p0": number(first[2]), "p1": number(last[2]), "named": number(sum(row[4] for row in table.rows))}


def targets(facts: Facts) -> str | None:
    """The target-responsibility indicators and tasks (定期通报目标任务完成情况): how many are met and done; what
    falls short is said under 三 (``targets_behind``)."""
    table, tasks = facts.table("indicators"), facts.table("target_tasks")
    clauses = []
    if table is not None and table.rows:
        done = [row for row in table.rows if row[4] == _("已完成")]
        clauses.append(_("%(n)s项指标中%(done)s项达到目标值") % {"n": len(table.rows), "done": len(done)})
    if tasks is not None and tasks.rows:
        row = whole(tasks)
        clauses.append(_("分解目标任务%(n)s项，已完成%(done)s项") % {"n": number(row[1]), "done": number(row[2])})
    if not clauses:
        return None
    text = _("目标责任方面，%(clauses)s") % {"clauses": "；".join(clauses)}
    if table is not None and table.note:
        text += _("（%(note)s）") % {"note": table.note.rstrip("。")}
    return text + "。"


# 二、主要做法和成效

def cultivation(facts: Facts) -> str | None:
    table = facts.table("cultivation")
    row = table.total or (table.rows[0] if table.rows else None)
    if row is None:
        return None
    text = _("重点培育方面，按照培育数量要求，%(area)s确定重点培育企业%(e)s家（要求%(we)s家）、"
             "工业园区和乡镇(街道)%(a)s个（要求%(wa)s个），培育任务完成率%(rate)s") % {
        "area": facts.area, "e": number(row[1]), "we": number(row[2]), "a": number(row[3]),
        "wa": number(row[4]), "rate": percent(row[5])}
    return text + "。"


def incentives(facts: Facts) -> str | None:
    table = facts.table("incentives")
    if not table.rows:
        return _("激励措施方面，本期未登记激励措施的落实情况。")
    measures = [_("%(name)s%(n)s次") % {"name": row[0], "n": number(row[1])} for row in table.rows[:LISTED]]
    return _("激励措施方面，共落实激励措施%(n)s次，惠及%(units)s家单位，主要是%(measures)s。") % {
        "n": number(table.total[1]), "units": number(table.total[2]), "measures": listing(measures)}


def training(facts: Facts) -> str | None:
    """Training and outreach (培训宣传): sessions, people, units and coordinators reached."""
    table, kinds = facts.table("training"), facts.table("training_by_kind")
    if table is None:
        return None
    row = whole(table)
    if row is None:
        return None
    _name, sessions, people, units, coordinators, hours = row
    if not sessions:
        return _("培训宣传方面，本期未登记培训宣传活动。")
    text = _("培训宣传方面，%(area)s共举办培训宣传活动%(n)s场") % {"area": facts.area, "n": number(sessions)}
    held = [_("%(kind)s%(n)s场") % {"kind": kind[0], "n": number(kind[1])} for kind in kinds.rows if kind[1]]
    if len(held) > 1:
        text += _("（其中%(kinds)s）") % {"kinds": listing(held)}
    reached = []
    if people:
        reached.append(_("参加%(n)s人次") % {"n": number(people)})
    if units:
        reached.append(_("覆盖创建单位%(n)s家") % {"n": number(units)})
    if coordinators:
        reached.append(_("培训劳动关系协调员%(n)s人、累计%(hours)s学时") % {
            "n": number(coordinators), "hours": number(hours)})
    if reached:
        text += "，" + "，".join(reached)
    if facts.is_city:
        counties = [row for row in table.rows if row[0] != _("市本级")]
        silent = [row[0] for row in counties if not row[1]]
        if silent and len(silent) < len(counties):
            names = listing(silent) if len(silent) <= LISTED else _("%(n)s个县(市、区)") % {"n": len(silent)}
            text += _("；%(names)s本期未登记培训宣传活动") % {"names": names}
    return text + "。"


def honours(facts: Facts) -> str | None:
    """Honour recommendations (评选表彰) and their results; left out where there were none."""
    table, categories = facts.table("honours"), facts.table("honours_by_category")
    if table is None:
        return None
    row = whole(table)
    if row is None:
        return None
    _name, recommended, awarded, not_awarded, pending = row
    if not recommended:
        return None
    kinds = [_("%(kind)s%(n)s个") % {"kind": kind[0], "n": number(kind[1])} for kind in categories.rows if kind[1]]
    text = _("评选表彰方面，共推荐%(kinds)s") % {"kinds": listing(kinds)}
    results = []
    if awarded:
        results.append(_("已授予%(n)s个") % {"n": number(awarded)})
    if not_awarded:
        results.append(_("未授予%(n)s个") % {"n": number(not_awarded)})
    if pending:
        results.append(_("%(n)s个尚待公布结果") % {"n": number(pending)})
    return text + "，" + "，".join(results) + "。"


def supervision(facts: Facts) -> str | None:
    """Supervision visits (检查督导) and the rectification of what they found."""
    table, kinds = facts.table("supervision"), facts.table("supervision_by_kind")
    if table is None:
        return None
    row = whole(table)
    if row is None:
        return None
    _name, visits, items, closed, reported, _overdue, rate = row
    if not visits:
        return _("检查督导方面，本期未登记检查督导。")
    text = _("检查督导方面，本期共开展检查督导%(n)s次") % {"n": number(visits)}
    made = [_("%(kind)s%(n)s次") % {"kind": kind[0], "n": number(kind[1])} for kind in kinds.rows if kind[1]]
    if len(made) > 1:
        text += _("（其中%(kinds)s）") % {"kinds": listing(made)}
    if not items:
        return text + _("，未发现需要整改的问题。")
    text += _("，发现问题%(n)s项，已整改销号%(closed)s项，销号率%(rate)s") % {
        "n": number(items), "closed": number(closed), "rate": percent(rate)}
    if reported:
        text += _("；%(n)s项已报告整改、待验收") % {"n": number(reported)}
    return text + "。"


def title_checks(facts: Facts) -> str | None:
    """The periodic checks of named units (命名单位核查); left out where no title was checked in the period."""
    row = whole(facts.table("title_checks"))
    if row is None or not row[1]:
        return None
    _name, checked, done, passed, rectify, revoke = row
    text = _("命名单位核查方面，本期对%(n)s项称号开展核查，已登记结论%(done)s项") % {
        "n": number(checked), "done": number(done)}
    if done:
        text += _("，其中合格%(passed)s项、限期整改%(rectify)s项、建议取消命名%(revoke)s项") % {
            "passed": number(passed), "rectify": number(rectify), "revoke": number(revoke)}
    return text + "。"


def red_list(facts: Facts) -> str | None:
    """The integrity red list (守法诚信红名单) and grades; left out where nothing is recorded."""
    table, grades = facts.table("red_list"), facts.table("credit_grades")
    if table is None:
        return None
    row = whole(table)
    if row is None:
        return None
    _name, added, ended, listed = row
    graded = grades.total or (grades.rows[0] if grades.rows else None)
    if not (added or ended or listed) and not (graded and any(graded[1:])):
        return None
    clauses = []
    if added or ended or listed:
        text = _("本期新列入守法诚信红名单企业%(added)s家") % {"added": number(added)} if added else \
            _("本期无新列入守法诚信红名单的企业")
        if ended:
            text += _("，移出%(n)s家") % {"n": number(ended)}
        clauses.append(text + _("，截至%(day)s在列%(n)s家") % {"day": facts.as_of_text, "n": number(listed)})
    if graded and any(graded[1:]):
        clauses.append(_("劳动保障诚信等级评价中%(grades)s") % {"grades": listing(
            [_("%(grade)s%(n)s家") % {"grade": column.split("（")[0], "n": number(value)}
             for column, value in zip(grades.columns[1:], graded[1:], strict=True) if value])})
    return _("守法诚信方面，%(clauses)s。") % {"clauses": "；".join(clauses)}


# 三、存在的问题

def _weak(facts: Facts) -> list[list]:
    """The weakest items that fall short of full marks (an item everyone scores fully on is no weakness)."""
    return [row for row in facts.table("weakest").rows if row[2] is not None and row[2] < 100]


def weak_items(facts: Facts) -> str | None:
    if not facts.table("weakest").rows:
        return None
    weak = _weak(facts)
    if not weak:
        return _("从自评得分看，各条目得分率均为100%，暂未发现薄弱条目。")
    items = [_("第%(code)s项“%(title)s”（得分率%(rate)s）") % {
        "title": short_title(row[1]), "code": row[0], "rate": percent(row[2])} for row in weak[:LISTED]]
    return _("从自评得分看，得分率最低的条目是%(items)s，是创建工作的薄弱环节。") % {"items": listing(items)}


def satisfaction_gaps(facts: Facts) -> str | None:
    table = facts.table("satisfaction_dimensions")
    rated = sorted((row for row in table.rows if row[2] is not None), key=lambda row: (row[2], row[0]))
    if len(rated) < 2:
        return None
    return _("职工满意度各维度中，“%(low)s”满意率最低，为%(low_rate)s，比最高的“%(high)s”（%(high_rate)s）"
             "低%(gap)s个百分点。") % {
        "low": rated[0][0], "low_rate": percent(rated[0][2]), "high": rated[-1][0],
        "high_rate": percent(rated[-1][2]), "gap": rated[-1][2] - rated[0][2]}


def cultivation_gaps(facts: Facts) -> str | None:
    table = facts.table("cultivation")
    short = sorted((row for row in table.rows if row[5] is not None and row[5] < 100),
                   key=lambda row: (row[5], row[0]))
    if not short:
        return None
    if not facts.is_city:
        return _("重点培育任务尚未完成，完成率为%(rate)s。") % {"rate": percent(short[0][5])}
    names = [_("%(name)s（%(rate)s）") % {"name": row[0], "rate": percent(row[5])} for row in short[:LISTED]]
    if len(short) <= LISTED:
        return _("培育任务尚未完成的有%(names)s。") % {"names": listing(names)}
    return _("%(n)s个县(市、区)尚未完成培育任务，完成率最低的是%(names)s。") % {
        "n": len(short), "names": listing(names)}


def supervision_overdue(facts: Facts) -> str | None:
    """Rectification items still open after their deadline (逾期未整改)."""
    table = facts.table("supervision")
    if table is None:
        return None
    row = whole(table)
    if row is None:
        return None
    if not row[5]:
        return None
    text = _("检查督导发现的问题中，截至%(day)s仍有%(n)s项逾期未整改") % {
        "day": facts.as_of_text, "n": number(row[5])}
    if facts.is_city:
        late = sorted((r for r in table.rows if r[5]), key=lambda r: (-r[5], r[0]))
        text += _("，主要在%(names)s") % {"names": listing(
            [_("%(name)s（%(n)s项）") % {"name": r[0], "n": number(r[5])} for r in late[:LISTED]])}
    return text + "。"


def targets_behind(facts: Facts) -> str | None:
    """Indicators below their targets, not reported, and tasks overdue (the 通报's shortfalls)."""
    table, tasks = facts.table("indicators"), facts.table("target_tasks")
    clauses = []
    if table is not None:
        short = [_("%(name)s（目标%(target)s%(unit)s，完成%(actual)s%(unit)s）") % {
            "name": row[0], "target": row[2], "actual": row[3], "unit": row[1]} for row in table.rows
            if row[4] == _("未完成")]
        missing = [row[0] for row in table.rows if row[4] == _("未填报")]
        if short:
            clauses.append(_("未达到目标值的指标有%(items)s") % {"items": listing(short)})
        if missing:
            clauses.append(_("%(items)s尚未填报") % {"items": listing(missing)})
    if tasks is not None and tasks.rows:
        row = whole(tasks)
        if row[4]:
            text = _("%(n)s项目标任务逾期未完成") % {"n": number(row[4])}
            late = [r for r in tasks.rows if r[4]]
            if facts.is_city and late:
                names = listing([_("%(name)s%(n)s项") % {"name": r[0], "n": number(r[4])} for r in late[:LISTED]])
                text += _("（%(names)s）") % {"names": names + (_("等") if len(late) > LISTED else "")}
            clauses.append(text)
    if not clauses:
        return None
    return _("目标责任方面，%(clauses)s。") % {"clauses": "；".join(clauses)}


def risks(facts: Facts) -> str | None:
    table, overview = facts.table("risks"), facts.table("overview")
    revoked = overview.keyed("revoked")[1]
    if not table.rows:
        text = _("本期未记录劳动关系风险事件")
    else:
        kinds = [_("%(kind)s%(n)s起") % {"kind": row[0], "n": number(row[1])} for row in table.rows[:LISTED]]
        text = _("本期共记录劳动关系风险事件%(n)s起，涉及%(units)s家单位，主要是%(kinds)s") % {
            "n": number(table.total[1]), "units": number(table.total[2]), "kinds": listing(kinds)}
    if revoked:
        text += _("；取消命名%(n)s家") % {"n": number(revoked)}
    else:
        text += _("；本期无取消命名")
    return text + "。"


# 四、下一步工作打算

def next_weak_items(facts: Facts) -> str | None:
    weak = _weak(facts)
    if not weak:
        return None
    return _("针对%(items)s等得分率较低的条目，组织协调劳动关系三方开展专项指导，推动创建单位对标整改。") % {
        "items": listing([_("“%(title)s”") % {"title": short_title(row[1])} for row in weak[:2]])}


def next_cultivation(facts: Facts) -> str | None:
    table = facts.table("cultivation")
    short = [row[0] for row in table.rows if row[5] is not None and row[5] < 100]
    if not short:
        return None
    if not facts.is_city:
        return _("加快重点培育进度，确保完成培育数量要求。")
    if len(short) > LISTED:
        return _("督促尚未完成培育任务的%(n)s个县(市、区)加快重点培育进度，确保完成培育数量要求。") % {"n": len(short)}
    return _("督促%(names)s加快重点培育进度，确保完成培育数量要求。") % {"names": listing(short)}


def next_risks(facts: Facts) -> str | None:
    table = facts.table("risks")
    if not table.rows:
        return None
    return _("对发生%(kinds)s等风险事件的单位加强跟踪监测，依规做好动态管理。") % {
        "kinds": listing([row[0] for row in table.rows[:2]])}


ParagraphBuilder = Callable[[Facts], str | None]

# The report's paragraphs in order, each with its chapter. New figures add their builder here, in their chapter
# (what was done: Chapter.PRACTICE, after incentives; its shortfalls: Chapter.PROBLEMS).
PARAGRAPHS: list[tuple[Chapter, ParagraphBuilder]] = [
    (Chapter.BASIC, participation),
    (Chapter.BASIC, results),
    (Chapter.BASIC, counties),
    (Chapter.BASIC, progress),
    (Chapter.BASIC, satisfaction),
    (Chapter.BASIC, trend),
    (Chapter.BASIC, targets),
    (Chapter.PRACTICE, cultivation),
    (Chapter.PRACTICE, incentives),
    (Chapter.PRACTICE, training),
    (Chapter.PRACTICE, supervision),
    (Chapter.PRACTICE, title_checks),
    (Chapter.PRACTICE, honours),
    (Chapter.PRACTICE, red_list),
    (Chapter.PROBLEMS, weak_items),
    (Chapter.PROBLEMS, satisfaction_gaps),
    (Chapter.PROBLEMS, cultivation_gaps),
    (Chapter.PROBLEMS, supervision_overdue),
    (Chapter.PROBLEMS, targets_behind),
    (Chapter.PROBLEMS, risks),
    (Chapter.NEXT, next_weak_items),
    (Chapter.NEXT, next_cultivation),
    (Chapter.NEXT, next_risks),
]

# Where the county's own words go: (chapter, CountyNarrative field, first or last in the chapter).
NARRATIVE_PLACES: list[tuple[Chapter, str, str]] = [
    (Chapter.PRACTICE, "practices", "first"),
    (Chapter.PRACTICE, "achievements", "last"),
    (Chapter.PROBLEMS, "shortcomings", "last"),
    (Chapter.NEXT, "next_steps", "first"),
]


def _own_words(text: str) -> list[Block]:
    return [Block(text=line.strip(), by_county=True) for line in text.splitlines() if line.strip()]


def report_text(facts: Facts) -> list[ChapterText]:
    """The four chapters: the portal's paragraphs, the county's own words in their places, typical cases under
    二 (the county's own; in a city's report, its counties')."""
    titles = chapter_titles()
    chapters = {key: ChapterText(key=key, title=title, blocks=[]) for key, title in titles.items()}
    for chapter, builder in PARAGRAPHS:
        text = builder(facts)
        if text:
            chapters[chapter].blocks.append(Block(text=text))
    narrative = facts.narrative
    if narrative is not None:
        for chapter, name, where in NARRATIVE_PLACES:
            own = _own_words(getattr(narrative, name))
            blocks = chapters[chapter].blocks
            chapters[chapter].blocks = own + blocks if where == "first" else blocks + own
    if facts.cases:
        blocks = chapters[Chapter.PRACTICE].blocks
        blocks.append(Block(text=_("典型案例"), kind="heading"))
        for case in facts.cases:
            title = case.title if not case.unit_name else f"{case.title}（{case.unit_name}）"
            if facts.kind != ReportKind.COUNTY and case.region_id != facts.scope.region.pk:
                title = f"{case.region.name}：{title}"
            blocks.append(Block(text=case.body, kind="case", title=title, by_county=True))
    if not chapters[Chapter.NEXT].blocks:
        chapters[Chapter.NEXT].blocks.append(Block(text=_("继续按照实施方案推进创建工作，巩固创建成果。")))
    return list(chapters.values())
