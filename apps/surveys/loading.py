"""Read and validate a questionnaire file (YAML), then store it as a SurveyTemplate.

Every problem is reported with the line it is on, in the reader's language, and nothing is written
unless the whole file is valid. A version already used by a survey is never
changed in place: load a new version instead.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext, ngettext, pgettext

from .models import Survey, SurveyOption, SurveyQuestion, SurveyTemplate

TEMPLATE_SETTINGS = ("min_responses", "max_responses", "responses_per_employee")


class SurveyFileError(Exception):
    """The file cannot be loaded; ``errors`` lists every problem found, each with its line."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


class _LineDict(dict):
    """A mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_line_dict(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {
        loader.construct_object(key, deep=True): key.start_mark.line + 1 for key, _value in node.value
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_line_dict)


@dataclass
class _Checker:
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def located(line: int, message: str) -> str:
        if not line:
            return message
        return pgettext("file line", "第 %(line)s 行：%(message)s") % {"line": line, "message": message}

    def fail(self, where: Any, message: str, key: str | None = None) -> None:
        self.errors.append(self.located(getattr(where, "key_lines", {}).get(key) or getattr(where, "line", 0), message))

    def text(self, mapping: dict, key: str, what: str, *, required: bool = True, max_length: int = 300) -> str:
        value = mapping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(mapping, gettext("%(what)s缺少“%(key)s”。") % {"what": what, "key": key})
            return ""
        if not isinstance(value, str | int | float):
            self.fail(mapping, gettext("%(what)s的“%(key)s”应为文字。") % {"what": what, "key": key}, key)
            return ""
        value = str(value).strip()
        if len(value) > max_length:
            self.fail(mapping, gettext("%(what)s的“%(key)s”过长（不超过 %(max)s 字）。")
                      % {"what": what, "key": key, "max": max_length}, key)
        return value

    def integer(self, mapping: dict, key: str, what: str, *, default: int, minimum: int = 0) -> int:
        value = mapping.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(mapping, gettext("%(what)s的“%(key)s”应为不小于 %(minimum)s 的整数，现为 %(value)s。")
                      % {"what": what, "key": key, "minimum": minimum, "value": repr(value)}, key)
            return default
        return value

    def percent(self, mapping: dict, key: str, what: str, *, default: str) -> Decimal:
        value = mapping.get(key, default)
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = Decimal(-1)
        if isinstance(value, bool) or not Decimal(0) <= number <= Decimal(100):
            self.fail(mapping, gettext("%(what)s的“%(key)s”应为 0 到 100 之间的数，现为 %(value)s。")
                      % {"what": what, "key": key, "value": repr(value)}, key)
            return Decimal(default)
        return number


def parse_survey_file(content: str) -> dict:
    """Validate the file's text and return clean data ready to store, or raise SurveyFileError."""
    try:
        data = yaml.load(content, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = gettext("不是有效的 YAML（%(problem)s）。") % {"problem": getattr(exc, "problem", exc)}
        raise SurveyFileError([_Checker.located(mark.line + 1 if mark else 0, problem)]) from exc
    if not isinstance(data, dict):
        raise SurveyFileError([gettext("文件顶层应为键值对（code、version、title、options、questions 等）。")])

    check = _Checker()
    questionnaire = gettext("问卷")
    clean: dict[str, Any] = {
        "code": check.text(data, "code", questionnaire, max_length=60),
        "version": check.text(data, "version", questionnaire, max_length=30),
        "title": check.text(data, "title", questionnaire, max_length=200),
        "source": check.text(data, "source", questionnaire, required=False, max_length=2000),
        "intro": check.text(data, "intro", questionnaire, required=False, max_length=2000),
        "min_responses": check.integer(data, "min_responses", questionnaire, default=10, minimum=1),
        "max_responses": check.integer(data, "max_responses", questionnaire, default=5000, minimum=1),
        "responses_per_employee": check.integer(data, "responses_per_employee", questionnaire, default=5,
                                                minimum=1),
        "threshold_percent": check.percent(data, "threshold_percent", questionnaire, default="80"),
    }
    clean["options"] = _parse_options(check, data)
    clean["questions"] = _parse_questions(check, data)
    clean["score_mapping_title"], clean["score_mapping"] = _parse_score_mapping(check, data)
    unknown = set(data) - {*clean, "score_mapping"}
    for key in sorted(unknown):
        check.fail(data, gettext("不认识的键“%(key)s”。") % {"key": key}, key)
    if check.errors:
        raise SurveyFileError(check.errors)
    return clean


def _parse_options(check: _Checker, data: dict) -> list[dict]:
    raw = data.get("options")
    if not isinstance(raw, list) or len(raw) < 2:
        check.fail(data, gettext("“options”应列出至少两个答题选项。"), "options")
        return []
    options, seen = [], set()
    for order, item in enumerate(raw, start=1):
        what = gettext("第 %(n)s 个选项") % {"n": order}
        if not isinstance(item, dict):
            check.fail(data, gettext("%(what)s应写成 {value, label, satisfied}。") % {"what": what})
            continue
        value = item.get("value")
        if isinstance(value, bool) or not isinstance(value, int):
            check.fail(item, gettext("%(what)s的“value”应为整数。") % {"what": what})
        elif value in seen:
            check.fail(item, gettext("%(what)s的 value %(value)s 与前面的选项重复。") % {"what": what, "value": value})
        seen.add(value)
        if not isinstance(item.get("satisfied"), bool):
            check.fail(item, gettext("%(what)s的“satisfied”应为 true 或 false（是否计入满意率）。") % {"what": what})
        label = check.text(item, "label", what, max_length=30)
        options.append({"value": value, "label": label, "counts_as_satisfied": item.get("satisfied") is True,
                        "order": order})
    counted = {option["counts_as_satisfied"] for option in options}
    if options and counted != {True, False}:
        check.fail(data, gettext("选项中应既有计入满意的（satisfied: true），也有不计入的（satisfied: false）。"))
    return options


def _parse_questions(check: _Checker, data: dict) -> list[dict]:
    raw = data.get("questions")
    if not isinstance(raw, list) or not raw:
        check.fail(data, gettext("“questions”应列出至少一道题目。"), "questions")
        return []
    questions, codes, overall = [], set(), 0
    for order, item in enumerate(raw, start=1):
        what = gettext("第 %(n)s 道题") % {"n": order}
        if not isinstance(item, dict):
            check.fail(data, gettext("%(what)s应写成 {code, dimension, text}。") % {"what": what})
            continue
        code = check.text(item, "code", what, max_length=40)
        if code and code in codes:
            check.fail(item, gettext("%(what)s的 code “%(code)s”与前面的题目重复。") % {"what": what, "code": code})
        codes.add(code)
        is_overall = item.get("overall", False)
        if not isinstance(is_overall, bool):
            check.fail(item, gettext("%(what)s的“overall”应为 true 或 false。") % {"what": what})
            is_overall = False
        overall += is_overall
        questions.append({
            "code": code,
            "dimension": check.text(item, "dimension", what, max_length=40),
            "text": check.text(item, "text", what, max_length=300),
            "is_overall": is_overall,
            "order": order,
        })
    if overall > 1:
        check.fail(data, gettext("最多只能有一道总体评价题（overall: true）。"))
    return questions


def _parse_score_mapping(check: _Checker, data: dict) -> tuple[str, list[dict]]:
    raw = data.get("score_mapping")
    if raw is None:
        return "", []
    if not isinstance(raw, dict) or not isinstance(raw.get("bands"), list) or not raw["bands"]:
        check.fail(raw if isinstance(raw, dict) else data, gettext("“score_mapping”应包含 title 和非空的 bands 列表。"))
        return "", []
    title = check.text(raw, "title", "score_mapping", max_length=200)
    bands, previous = [], None
    for index, band in enumerate(raw["bands"], start=1):
        what = gettext("score_mapping 第 %(n)s 档") % {"n": index}
        if not isinstance(band, dict):
            check.fail(raw, gettext("%(what)s应写成 {min_rate, score}。") % {"what": what})
            continue
        min_rate = check.percent(band, "min_rate", what, default="0")
        try:
            score = Decimal(str(band.get("score")))
        except InvalidOperation:
            check.fail(band, gettext("%(what)s的“score”应为数字。") % {"what": what})
            continue
        if previous is not None and min_rate >= previous:
            check.fail(band, gettext("%(what)s的 min_rate 应小于上一档（按满意率从高到低排列）。") % {"what": what})
        previous = min_rate
        bands.append({"min_rate": str(min_rate), "score": str(score)})
    return title, bands


@dataclass
class LoadResult:
    template: SurveyTemplate
    created: bool
    unchanged: bool


def survey_template_load(*, path: Path, activate: bool = True) -> LoadResult:
    """Store the questionnaire in ``path``; with ``activate`` new surveys use it from now on."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SurveyFileError([gettext("无法读取文件 %(path)s：%(error)s") % {"path": path, "error": exc}]) from exc
    return survey_template_load_text(content=content, activate=activate)


@transaction.atomic
def survey_template_load_text(*, content: str, activate: bool = True) -> LoadResult:
    """Store the questionnaire written in ``content`` (see ``survey_template_load``).

    Reloading an identical file changes nothing, so demo seeding can run
    again. Loading changed content under a version that a survey already
    uses is refused: those surveys keep the questions they were answered with.
    """
    clean = parse_survey_file(content)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    existing = SurveyTemplate.objects.select_for_update().filter(code=clean["code"], version=clean["version"]).first()
    if existing is not None and existing.source_sha256 == digest:
        if activate and not existing.is_active:
            _activate(existing)
        return LoadResult(existing, created=False, unchanged=True)
    if existing is not None:
        used = Survey.objects.filter(template=existing).count()
        if existing.in_force.exists():
            raise SurveyFileError([
                gettext("问卷 %(code)s 版本 %(version)s 已被选定为适用问卷，不能原地修改；请改用新的 version 载入。")
                % {"code": clean["code"], "version": clean["version"]}
            ])
        if used:
            raise SurveyFileError([
                ngettext("问卷 %(code)s 版本 %(version)s 已被 %(used)s 份调查使用，不能原地修改；"
                         "请改用新的 version 载入。",
                         "问卷 %(code)s 版本 %(version)s 已被 %(used)s 份调查使用，不能原地修改；"
                         "请改用新的 version 载入。",
                         used) % {"code": clean["code"], "version": clean["version"], "used": used}
            ])
        existing.delete()
    template = SurveyTemplate.objects.create(
        source_sha256=digest,
        score_mapping=clean["score_mapping"],
        **{key: clean[key] for key in (
            "code", "version", "title", "source", "intro", "threshold_percent", "score_mapping_title",
            *TEMPLATE_SETTINGS,
        )},
    )
    SurveyOption.objects.bulk_create(SurveyOption(template=template, **option) for option in clean["options"])
    SurveyQuestion.objects.bulk_create(SurveyQuestion(template=template, **q) for q in clean["questions"])
    if activate:
        _activate(template)
    return LoadResult(template, created=existing is None, unchanged=False)


def _activate(template: SurveyTemplate) -> None:
    SurveyTemplate.objects.filter(is_active=True).exclude(pk=template.pk).update(is_active=False)
    SurveyTemplate.objects.filter(pk=template.pk).update(is_active=True)
    template.is_active = True
