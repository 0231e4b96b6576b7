"""The unit's 激励政策明白纸 (河东 三(七)): each measure its locality's catalogue offers, whether its title entitles
it today and if not why, with the measure's legal basis and granting department; and the grants it received."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.applications.recognitions.models import Recognition, RecognitionStatus, valid_through
from apps.registry.units.models import Unit

from .models import IncentiveGrant, IncentiveMeasure
from .selectors import catalogue_for, grants_of_units
from .services import eligibility_problems


@dataclass
class SheetRow:
    measure: IncentiveMeasure
    problems: list[str] = field(default_factory=list)

    @property
    def entitled(self) -> bool:
        return not self.problems


@dataclass
class UnitSheet:
    unit: Unit
    title: Recognition | None
    rows: list[SheetRow]
    grants: list[IncentiveGrant]

    @property
    def entitled(self) -> list[SheetRow]:
        return [row for row in self.rows if row.entitled]

    @property
    def not_entitled(self) -> list[SheetRow]:
        return [row for row in self.rows if not row.entitled]


def incentive_sheet(*, unit: Unit) -> UnitSheet:
    """The sheet of one unit: measured against its title valid today (the latest), or, with none, every measure
    with the reason it does not apply yet."""
    today = timezone.localdate()
    title = (Recognition.objects.filter(valid_through(today), unit=unit, status=RecognitionStatus.VALID)
             .select_related("unit__region", "application__standard").order_by("-issued_on", "-pk").first())
    measures = catalogue_for(region=unit.region).filter(is_active=True).select_related("region").order_by(
        "sort_order", "pk")
    rows = []
    for measure in measures:
        if title is None:
            rows.append(SheetRow(measure, [_("本单位目前没有有效的称号，获得命名后可申请享受。")]))
        else:
            rows.append(SheetRow(measure, eligibility_problems(measure=measure, recognition=title, on=today)))
    return UnitSheet(unit=unit, title=title, rows=rows, grants=list(grants_of_units(unit_ids=[unit.pk])))
