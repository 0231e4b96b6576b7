"""The offices' figures of the year on the county and city workbench (apps/home/sections/offices.py), kept per
region: recording or changing a training session or an honour drops them for its region, the region it was
moved from, and every region above."""

from collections.abc import Iterable

from apps.regions.services import region_parts_changed

THIS_YEAR_PART = "offices:this-year"


def office_figures_changed(*, region_ids: Iterable[int | None]) -> None:
    region_parts_changed(THIS_YEAR_PART, region_ids=region_ids)
