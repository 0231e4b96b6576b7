from decimal import Decimal

from . import scoring
from .models import Criterion, Standard


def criteria_of(standard: Standard) -> list[Criterion]:
    """The standard's items in tree order, from the prefetch cache when there is one."""
    return sorted(standard.criteria.all(), key=lambda c: c.position)


def standard_spec(standard: Standard) -> scoring.StandardSpec:
    """The scoring engine's view of a standard; uses prefetched criteria, sub_lines and grades if present."""
    parents = {c.pk: c.code for c in standard.criteria.all()}
    return scoring.StandardSpec(
        pass_line=standard.pass_line,
        total_score=standard.total_score,
        criteria=tuple(
            scoring.CriterionSpec(
                code=c.code, kind=c.kind, parent=parents.get(c.parent_id), title=c.title, min_score=c.min_score,
                max_score=c.max_score, step=c.step, choices=tuple(Decimal(str(ch["value"])) for ch in c.choices),
            )
            for c in criteria_of(standard)
        ),
        sub_lines=tuple(
            scoring.SubLineSpec(line.name, line.minimum, tuple(line.criterion_codes))
            for line in standard.sub_lines.all()
        ),
        grades=tuple(scoring.GradeSpec(g.label, g.min_score) for g in standard.grades.all()),
    )
