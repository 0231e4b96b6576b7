"""The per-region table the offices' pages show: each of the user's regions and the regions one level down."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from apps.regions.models import Region

from .jurisdiction import child_regions

Figures = TypeVar("Figures")


def region_rows(roots: Iterable[Region], year: int,
                figures: Callable[[Region, int], Figures]) -> list[tuple[Region, Figures, bool]]:
    """(region, its figures, whether it is a total) for each root and then each of its children.

    ``figures`` is ``training_figures`` or ``honour_figures``: a few aggregate queries per region, so a city
    with its dozen or so counties costs a few dozen queries whatever the number of records.
    """
    rows = []
    for root in roots:
        rows.append((root, figures(root, year), True))
        rows.extend((child, figures(child, year), False) for child in child_regions(root))
    return rows
