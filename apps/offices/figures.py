"""The per-region table the offices' pages show: each of the user's regions and the regions one level down."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from apps.regions.models import Region

from .jurisdiction import child_regions

Figures = TypeVar("Figures")


def region_rows(roots: Iterable[Region], year: int,
                figures_for: Callable[[list[Region], int], list[Figures]]) -> list[tuple[Region, Figures, bool]]:
    """(region, its figures, whether it is a total) for each root and then each of its children.

    ``figures_for`` is ``training_figures_for`` or ``honour_figures_for``: the figures of all the rows' regions
    at once (one to three aggregate queries, not a few per region: a county with its dozen townships cost 56).
    """
    rows = []
    for root in roots:
        rows.append((root, True))
        rows.extend((child, False) for child in child_regions(root))
    figures = figures_for([region for region, _total in rows], year)
    return [(region, figure, total) for (region, total), figure in zip(rows, figures, strict=True)]
