"""Which measurement of the trivial view each crawled page is compared with (bench/reference.py)."""

from dataclasses import dataclass

import pytest

from bench.reference import ReferenceSchedule


@dataclass
class Result:
    throughput: float


@dataclass
class Page:
    name: str
    reference: Result | None = None


def run(every: int, references: list[float], pages: int) -> tuple[list[Page], int]:
    """Add ``pages`` pages, measuring the next of ``references`` whenever one is due; the last closes the run."""
    measurements = iter(Result(value) for value in references)
    schedule = ReferenceSchedule(every, next(measurements))
    added, measured = [], 0
    for number in range(pages):
        added.append(Page(f"page {number}"))
        if schedule.add(added[-1]):
            schedule.measured(next(measurements))
            measured += 1
    schedule.measured(next(measurements))
    return added, measured


def test_every_page_is_compared_with_the_faster_of_the_measurements_around_its_stretch():
    pages, measured = run(2, [900, 300, 1200, 500], pages=5)

    assert measured == 2
    assert [page.reference.throughput for page in pages] == [900, 900, 1200, 1200, 1200]


def test_without_a_number_the_whole_run_is_one_stretch_between_its_two_ends():
    pages, measured = run(0, [400, 1100], pages=4)

    assert measured == 0
    assert {page.reference.throughput for page in pages} == {1100}


def test_a_reference_after_every_page_brackets_each_page_alone():
    pages, measured = run(1, [100, 700, 200, 50, 80], pages=3)

    assert measured == 3
    assert [page.reference.throughput for page in pages] == [700, 700, 200]


def test_a_negative_number_is_refused():
    with pytest.raises(ValueError):
        ReferenceSchedule(-1, Result(1.0))
