from datetime import date
from decimal import Decimal

from django.db.models import Q

from apps.registry.units.models import Unit

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


def standard_for_unit(*, unit: Unit, on: date) -> Standard | None:
    """The standard in force on ``on`` for the unit's kind: the most local one, then the newest."""
    region_ids = unit.region.path_ids
    candidates = (
        Standard.objects.filter(unit_kind=unit.kind, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .filter(Q(locality__isnull=True) | Q(locality_id__in=region_ids))
        .select_related("locality")
    )
    return max(
        candidates,
        key=lambda s: (s.locality.depth if s.locality else -1, s.effective_from, s.loaded_at),
        default=None,
    )
