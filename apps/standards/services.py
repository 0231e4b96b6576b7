import hashlib
from pathlib import Path

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext

from apps.regions.models import Region

from .loader import ParsedStandard, StandardFileError, parse_standard
from .models import Criterion, Grade, Standard, SubLine


def standard_load(*, text: str, source: str = "标准文件", skip_existing: bool = False) -> tuple[Standard, bool]:
    """Check a standard file and write it as one version, all or nothing; returns (standard, written).

    Loading a code+version that exists replaces it only while no application
    uses it; once used, the PROTECT foreign keys from applications and
    answers stop the delete and the file is refused with a request for a new
    version, so old applications keep the standard they were scored on.
    Loading the very same content again (same SHA-256) changes nothing, used or not.
    """
    parsed = parse_standard(text, source)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    locality = None
    if parsed.locality_code:
        locality = Region.objects.filter(code=parsed.locality_code).first()
        if locality is None:
            raise StandardFileError(
                [gettext("%(source)s：locality 区划代码“%(code)s”在系统中不存在，请先导入行政区划。")
                 % {"source": source, "code": parsed.locality_code}]
            )
    with transaction.atomic():
        existing = Standard.objects.filter(code=parsed.code, version=parsed.version).first()
        if existing is not None and (skip_existing or existing.source_sha256 == digest):
            return existing, False
        if existing is not None:
            try:
                with transaction.atomic():
                    existing.delete()
            except ProtectedError as exc:
                raise StandardFileError([
                    gettext("%(source)s：标准 %(code)s 的版本 %(version)s 已被申报使用，不能原地修改。"
                            "请在文件中提高 version（例如 %(version)s.1）后作为新版本载入；已有申报继续使用旧版本。")
                    % {"source": source, "code": parsed.code, "version": parsed.version}
                ]) from exc
        return _write(parsed, locality, source, digest), True


def standard_load_file(*, path: Path, skip_existing: bool = False) -> tuple[Standard, bool]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StandardFileError([gettext("%(path)s：无法读取文件（%(error)s）。文件须为 UTF-8 编码的 YAML。")
                                 % {"path": path, "error": exc}]) from exc
    return standard_load(text=text, source=str(path), skip_existing=skip_existing)


def _write(parsed: ParsedStandard, locality: Region | None, source: str, digest: str) -> Standard:
    standard = Standard.objects.create(
        code=parsed.code, version=parsed.version, title=parsed.title, issuing_body=parsed.issuing_body,
        unit_kind=parsed.unit_kind, locality=locality, effective_from=parsed.effective_from,
        effective_to=parsed.effective_to, total_score=parsed.total_score, pass_line=parsed.pass_line,
        is_example=parsed.is_example, example_note=parsed.example_note, source_file=source[-255:],
        variant=parsed.variant, source_sha256=digest,
    )
    by_code: dict[str, Criterion] = {}
    for item in parsed.criteria:
        by_code[item.code] = Criterion.objects.create(
            standard=standard, parent=by_code.get(item.parent) if item.parent else None, code=item.code,
            title=item.title, kind=item.kind, position=item.position, depth=item.depth,
            min_score=item.min_score, max_score=item.max_score, step=item.step, choices=item.choices,
            guidance=item.guidance, evidence_hint=item.evidence_hint, satisfaction_source=item.satisfaction_source,
            satisfaction_question=item.satisfaction_question,
        )
    SubLine.objects.bulk_create([
        SubLine(standard=standard, name=line.name, minimum=line.minimum, criterion_codes=list(line.criterion_codes),
                position=index)
        for index, line in enumerate(parsed.sub_lines)
    ])
    Grade.objects.bulk_create([Grade(standard=standard, label=g.label, min_score=g.min_score) for g in parsed.grades])
    return standard
