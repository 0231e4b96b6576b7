"""Reading and checking a standard file (YAML) before anything is written.

Errors name the file line (from YAML node marks), the item and what is
wrong, in plain words in the reader's language (Chinese, or English for an
administrator reading in English), because the people who maintain standards
are the city/county offices, not programmers. See the README for the format.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

import yaml
from django.utils.translation import gettext, pgettext

from apps.registry.units.models import UnitKind

from . import scoring

TOP_KEYS = {
    "code", "version", "title", "issuing_body", "unit_kind", "locality", "effective_from", "effective_to",
    "total_score", "pass_line", "example", "example_note", "sub_lines", "grades", "criteria", "variant",
}
# pass_line is optional: a standard without one relies on completeness, vetoes, sub-lines and grades.
REQUIRED_TOP = ("code", "version", "title", "issuing_body", "unit_kind", "effective_from", "total_score",
                "criteria")
CRITERION_KEYS = {"code", "title", "kind", "min", "max", "step", "choices", "guidance", "evidence", "children",
                  "satisfaction"}
KIND_NAMES = {scoring.GROUP, scoring.NUMBER, scoring.CHOICE, scoring.VETO}


class StandardFileError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


class LineDict(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class ParsedCriterion:
    code: str
    title: str
    kind: str
    parent: str | None
    depth: int
    position: int
    min_score: Decimal | None = None
    max_score: Decimal | None = None
    step: Decimal | None = None
    choices: list[dict] = field(default_factory=list)
    guidance: str = ""
    evidence_hint: str = ""
    satisfaction_source: bool = False
    satisfaction_question: str = ""
    line: int = 0


@dataclass
class ParsedStandard:
    code: str
    version: str
    title: str
    issuing_body: str
    unit_kind: str
    locality_code: str
    effective_from: date
    effective_to: date | None
    total_score: Decimal
    pass_line: Decimal | None
    is_example: bool
    example_note: str
    sub_lines: list[scoring.SubLineSpec]
    grades: list[scoring.GradeSpec]
    criteria: list[ParsedCriterion]
    variant: str = ""

    def spec(self) -> scoring.StandardSpec:
        return scoring.StandardSpec(
            pass_line=self.pass_line,
            total_score=self.total_score,
            criteria=tuple(
                scoring.CriterionSpec(
                    code=c.code, kind=c.kind, parent=c.parent, min_score=c.min_score, max_score=c.max_score,
                    step=c.step, choices=tuple(Decimal(str(choice["value"])) for choice in c.choices),
                )
                for c in self.criteria
            ),
            sub_lines=tuple(self.sub_lines),
            grades=tuple(self.grades),
        )


class _Checker:
    def __init__(self, source: str):
        self.source = source
        self.errors: list[str] = []

    def error(self, line: int, what: str, item: str = "") -> None:
        where = gettext("%(source)s 第 %(line)s 行") % {"source": self.source, "line": line} if line else self.source
        if item:
            self.errors.append(gettext("%(where)s · 条目“%(item)s”：%(what)s") % {"where": where, "item": item,
                                                                                  "what": what})
        else:
            self.errors.append(gettext("%(where)s：%(what)s") % {"where": where, "what": what})

    def decimal(self, data: LineDict, key: str, item: str = "", required: bool = True) -> Decimal | None:
        raw = data.get(key)
        if raw is None:
            if required:
                self.error(data.line, gettext("缺少“%(key)s”。") % {"key": key}, item)
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            self.error(data.line_of(key), _not_a_number(key, raw), item)
            return None
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.error(data.line_of(key), _not_a_number(key, raw), item)
            return None
        return value

    def text(self, data: LineDict, key: str, item: str = "", required: bool = True) -> str:
        raw = data.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.error(data.line, gettext("缺少“%(key)s”或内容为空。") % {"key": key}, item)
            return ""
        if isinstance(raw, dict | list):
            self.error(data.line_of(key), gettext("“%(key)s”应为文字。") % {"key": key}, item)
            return ""
        return str(raw).strip()

    def date(self, data: LineDict, key: str, required: bool) -> date | None:
        raw = data.get(key)
        if raw is None:
            if required:
                self.error(data.line, gettext("缺少“%(key)s”。") % {"key": key})
            return None
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw))
        except ValueError:
            self.error(data.line_of(key), gettext("“%(key)s”应为日期（如 2023-03-03），实际为“%(value)s”。")
                       % {"key": key, "value": raw})
            return None

    def unknown_keys(self, data: LineDict, allowed: set[str], item: str = "") -> None:
        for key in data:
            if key not in allowed:
                self.error(data.line_of(key), gettext("不认识的字段“%(key)s”，可用字段：%(allowed)s。")
                           % {"key": key, "allowed": pgettext("list separator", "、").join(sorted(allowed))}, item)


def _not_a_number(key: str, raw: object) -> str:
    return gettext("“%(key)s”应为数字，实际为“%(value)s”。") % {"key": key, "value": raw}


def parse_standard(text: str, source: str = "") -> ParsedStandard:
    """Parse and check a standard file; raise StandardFileError listing every problem found (``source``: the
    file's name in the messages)."""
    check = _Checker(source or gettext("标准文件"))
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        check.error(mark.line + 1 if mark else 0, gettext("YAML 格式错误：%(problem)s") % {"problem": problem})
        raise StandardFileError(check.errors) from exc
    if not isinstance(data, LineDict):
        check.error(0, gettext("文件内容应为一个标准（键值对），请参照 fixtures/standards/ 中的示例。"))
        raise StandardFileError(check.errors)

    check.unknown_keys(data, TOP_KEYS)
    for key in REQUIRED_TOP:
        if key not in data:
            check.error(data.line, gettext("缺少必填字段“%(key)s”。") % {"key": key})
    unit_kind = str(data.get("unit_kind", ""))
    if "unit_kind" in data and unit_kind not in UnitKind.values:
        allowed = pgettext("list separator", "、").join(UnitKind.values)
        check.error(data.line_of("unit_kind"), gettext("unit_kind 应为 %(allowed)s 之一，实际为“%(value)s”。")
                    % {"allowed": allowed, "value": unit_kind})
    total = check.decimal(data, "total_score")
    pass_line = check.decimal(data, "pass_line", required=False)
    effective_from = check.date(data, "effective_from", required=True)
    effective_to = check.date(data, "effective_to", required=False)
    if effective_from and effective_to and effective_to < effective_from:
        check.error(data.line_of("effective_to"), gettext("失效日期早于生效日期。"))

    criteria: list[ParsedCriterion] = []
    seen: dict[str, int] = {}
    raw_criteria = data.get("criteria")
    if "criteria" in data and (not isinstance(raw_criteria, list) or not raw_criteria):
        check.error(data.line_of("criteria"), gettext("criteria 应为至少包含一个条目的列表。"))
    elif raw_criteria:
        _walk(check, raw_criteria, None, 0, criteria, seen)

    sub_lines = _sub_lines(check, data.get("sub_lines") or [], seen)
    grades = _grades(check, data.get("grades") or [])
    parsed = ParsedStandard(
        code=check.text(data, "code"), version=check.text(data, "version"), title=check.text(data, "title"),
        issuing_body=check.text(data, "issuing_body"), unit_kind=unit_kind,
        locality_code=str(data.get("locality") or ""), effective_from=effective_from, effective_to=effective_to,
        total_score=total, pass_line=pass_line, is_example=bool(data.get("example", False)),
        example_note=str(data.get("example_note") or ""), sub_lines=sub_lines, grades=grades, criteria=criteria,
        variant=check.text(data, "variant", required=False)[:60],
    )
    if parsed.is_example and "示例" not in parsed.title:
        check.error(data.line_of("title"), gettext("示例评分方案的标题须写明“示例”，以免被误认为正式标准。"))
    if not check.errors and criteria:
        _check_totals(check, data, parsed)
    if check.errors:
        raise StandardFileError(check.errors)
    return parsed


def _walk(check: _Checker, items: list, parent: str | None, depth: int, out: list[ParsedCriterion],
          seen: dict[str, int]) -> None:
    for item in items:
        if not isinstance(item, LineDict):
            check.error(0, gettext("条目应为键值对，实际为“%(value)s”。") % {"value": item}, parent or "")
            continue
        code = check.text(item, "code")
        label = code or gettext("第 %(line)s 行的条目") % {"line": item.line}
        check.unknown_keys(item, CRITERION_KEYS, label)
        if code in seen:
            check.error(item.line_of("code"), gettext("条目编号重复（第 %(line)s 行已用过）。") % {"line": seen[code]},
                        code)
        seen[code] = item.line
        children = item.get("children")
        kind = str(item.get("kind") or (scoring.GROUP if "children" in item else ""))
        if kind not in KIND_NAMES:
            check.error(item.line_of("kind"), gettext("kind 应为 group、number、choice、veto 之一，实际为“%(kind)s”。")
                        % {"kind": kind}, label)
            continue
        criterion = ParsedCriterion(
            code=code, title=check.text(item, "title", label), kind=kind, parent=parent, depth=depth,
            position=len(out), guidance=check.text(item, "guidance", label, required=False),
            evidence_hint=check.text(item, "evidence", label, required=False), line=item.line_of("max"),
        )
        _satisfaction(check, item, criterion, label)
        out.append(criterion)
        if kind == scoring.GROUP:
            _group(check, item, criterion, label)
            if not isinstance(children, list) or not children:
                check.error(item.line, gettext("分组条目须有 children（至少一个子条目）。"), label)
            else:
                _walk(check, children, code, depth + 1, out, seen)
            continue
        if children:
            check.error(item.line_of("children"), gettext("%(kind)s 类条目不能有 children；分组请写 kind: group。")
                        % {"kind": kind}, label)
        if kind == scoring.NUMBER:
            _number(check, item, criterion, label)
        elif kind == scoring.CHOICE:
            _choices(check, item, criterion, label)
        elif kind == scoring.VETO:
            for key in ("min", "max", "step", "choices"):
                if key in item:
                    check.error(item.line_of(key), gettext("一票否决条目不计分，不能设置“%(key)s”。") % {"key": key},
                                label)


def _satisfaction(check: _Checker, item: LineDict, criterion: ParsedCriterion, label: str) -> None:
    """``satisfaction: true`` scores the item from the overall rate; ``satisfaction: <question code>`` from that
    question's own rate."""
    raw = item.get("satisfaction", False)
    if isinstance(raw, bool):
        criterion.satisfaction_source = raw
    elif isinstance(raw, str) and raw.strip() and len(raw.strip()) <= 40:
        criterion.satisfaction_source, criterion.satisfaction_question = True, raw.strip()
    else:
        check.error(item.line_of("satisfaction"),
                    gettext("“satisfaction”应为 true（按综合满意率计分）或问卷题目代码（按该题满意率计分），"
                            "实际为“%(value)s”。") % {"value": raw}, label)
        return
    if criterion.satisfaction_source and criterion.kind not in (scoring.NUMBER, scoring.CHOICE):
        check.error(item.line_of("satisfaction"), gettext("只有数值评分或选项评分条目可以由满意度调查计分。"), label)


def _group(check: _Checker, item: LineDict, criterion: ParsedCriterion, label: str) -> None:
    """A group may carry its section's maximum (max: 20): its items then count at most that much together."""
    for key in ("min", "step", "choices"):
        if key in item:
            check.error(item.line_of(key), gettext("分组条目只能设置最高分 max，不能设置“%(key)s”。") % {"key": key},
                        label)
    if "max" in item:
        criterion.max_score = check.decimal(item, "max", label)
        if criterion.max_score is not None and criterion.max_score <= 0:
            check.error(item.line_of("max"), gettext("分组的最高分应大于 0。"), label)
            criterion.max_score = None


def _number(check: _Checker, item: LineDict, criterion: ParsedCriterion, label: str) -> None:
    low = check.decimal(item, "min", label, required=False)
    criterion.min_score = Decimal(0) if low is None and "min" not in item else low
    criterion.max_score = check.decimal(item, "max", label)
    criterion.step = check.decimal(item, "step", label, required=False)
    low, high, step = criterion.min_score, criterion.max_score, criterion.step
    if low is not None and high is not None and low >= high:
        check.error(item.line_of("max"), gettext("最高分 %(high)s 应大于最低分 %(low)s。") % {"high": high, "low": low},
                    label)
    if step is not None:
        if step <= 0:
            check.error(item.line_of("step"), gettext("步长应大于 0。"), label)
        elif low is not None and high is not None and (high - low) % step != 0:
            check.error(item.line_of("step"), gettext("从 %(low)s 到 %(high)s 不能按步长 %(step)s 整分。")
                        % {"low": low, "high": high, "step": step}, label)
    if "choices" in item:
        check.error(item.line_of("choices"), gettext("数值条目不能设置 choices；选项评分请写 kind: choice。"), label)


def _choices(check: _Checker, item: LineDict, criterion: ParsedCriterion, label: str) -> None:
    raw = item.get("choices")
    if not isinstance(raw, list) or len(raw) < 2:
        check.error(item.line_of("choices"), gettext("选项条目须有 choices，且至少两个选项。"), label)
        return
    values: set[Decimal] = set()
    for choice in raw:
        if not isinstance(choice, LineDict):
            check.error(item.line_of("choices"), gettext("每个选项应写成 {value: 分值, label: 说明}。"), label)
            continue
        value = check.decimal(choice, "value", label)
        text = check.text(choice, "label", label)
        if value is None:
            continue
        if value in values:
            check.error(choice.line, gettext("选项分值 %(value)s 重复。") % {"value": value}, label)
        values.add(value)
        criterion.choices.append({"value": str(value), "label": text})
    for key in ("min", "max", "step"):
        if key in item:
            check.error(item.line_of(key), gettext("选项条目的分值由 choices 决定，不能设置“%(key)s”。") % {"key": key},
                        label)


def _sub_lines(check: _Checker, raw: object, codes: dict[str, int]) -> list[scoring.SubLineSpec]:
    result = []
    if not isinstance(raw, list):
        check.error(0, gettext("sub_lines 应为列表。"))
        return result
    for line in raw:
        if not isinstance(line, LineDict):
            check.error(0, gettext("sub_lines 的每一项应为键值对。"))
            continue
        check.unknown_keys(line, {"name", "minimum", "criteria"})
        name = check.text(line, "name")
        minimum = check.decimal(line, "minimum", name)
        members = line.get("criteria")
        if not isinstance(members, list) or not members:
            check.error(line.line, gettext("分项须列出所包含的条目编号（criteria）。"), name)
            continue
        for code in members:
            if str(code) not in codes:
                check.error(line.line_of("criteria"),
                            gettext("分项引用了不存在的条目编号“%(code)s”。") % {"code": code}, name)
        if minimum is not None:
            result.append(scoring.SubLineSpec(name, minimum, tuple(str(code) for code in members)))
    return result


def _grades(check: _Checker, raw: object) -> list[scoring.GradeSpec]:
    result: list[scoring.GradeSpec] = []
    if not isinstance(raw, list):
        check.error(0, gettext("grades 应为列表。"))
        return result
    for grade in raw:
        if not isinstance(grade, LineDict):
            check.error(0, gettext("grades 的每一项应为键值对。"))
            continue
        check.unknown_keys(grade, {"label", "min_score"})
        label = check.text(grade, "label")
        minimum = check.decimal(grade, "min_score", label)
        if label in {g.label for g in result}:
            check.error(grade.line, gettext("等级“%(label)s”重复。") % {"label": label})
        if minimum is not None:
            result.append(scoring.GradeSpec(label, minimum))
    return result


def _check_totals(check: _Checker, data: LineDict, parsed: ParsedStandard) -> None:
    low, high = scoring.bounds(parsed.spec())
    if parsed.total_score != high:
        check.error(data.line_of("total_score"), gettext("各条目最高分合计为 %(high)s，与总分 %(total)s 不一致。")
                    % {"high": scoring.fmt_score(high), "total": scoring.fmt_score(parsed.total_score)})
    spec = parsed.spec()
    for criterion in parsed.criteria:
        if criterion.kind == scoring.GROUP and criterion.max_score is not None:
            reach = scoring.group_reach(spec, criterion.code)
            if reach < criterion.max_score:
                check.error(criterion.line,
                            gettext("分组“%(code)s”的最高分为 %(max)s，但其下各条目最高分合计只有 %(reach)s，"
                                    "达不到该分组的最高分；请核对分组或条目的分值。")
                            % {"code": criterion.code, "max": scoring.fmt_score(criterion.max_score),
                               "reach": scoring.fmt_score(reach)}, criterion.code)
    if parsed.pass_line is not None and not (low <= parsed.pass_line <= high):
        check.error(data.line_of("pass_line"), gettext("达标线 %(pass_line)s 不在可得分范围 %(low)s–%(high)s 之内。")
                    % {"pass_line": scoring.fmt_score(parsed.pass_line), "low": scoring.fmt_score(low),
                       "high": scoring.fmt_score(high)})
    for grade in parsed.grades:
        if grade.min_score > high:
            check.error(data.line_of("grades"), gettext("等级“%(label)s”的最低分 %(minimum)s 超过总分。")
                        % {"label": grade.label, "minimum": grade.min_score})

