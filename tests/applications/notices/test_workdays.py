from datetime import date

import pytest

from apps.applications.notices.workdays import add_working_days, is_working_day, notice_end, working_days_between


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 10, 1), False),  # 国庆节
        (date(2025, 10, 6), False),  # 中秋节
        (date(2025, 10, 8), False),  # weekday given off in lieu of 10-11
        (date(2025, 9, 28), True),  # Sunday worked (调休) for the National Day week
        (date(2025, 10, 11), True),  # Saturday worked (调休)
        (date(2025, 10, 12), False),  # ordinary Sunday
        (date(2025, 10, 9), True),
        (date(2025, 1, 26), True),  # Sunday worked before the Spring Festival
        (date(2025, 2, 4), False),
        (date(2026, 2, 14), True),  # Saturday worked before the 2026 Spring Festival
        (date(2026, 2, 17), False),  # 春节 2026
        (date(2026, 9, 20), True),  # Sunday worked for National Day 2026
        (date(2026, 10, 7), False),
        (date(2026, 10, 10), True),
    ],
)
def test_it_follows_the_official_holiday_schedule(day, working):
    assert is_working_day(day) is working


def test_a_notice_over_the_national_day_week_skips_the_holidays_and_counts_make_up_days():
    # Opens Friday 26 Sept 2025: 26, Sun 28 (worked), 29, 30, then 9 Oct → 5 working days.
    assert notice_end(date(2025, 9, 26), 5) == date(2025, 10, 9)
    # Seven working days reach the make-up Saturday 11 Oct.
    assert notice_end(date(2025, 9, 26), 7) == date(2025, 10, 11)


def test_a_notice_opened_on_a_holiday_starts_counting_on_the_next_working_day():
    assert notice_end(date(2025, 10, 1), 1) == date(2025, 10, 9)


def test_an_ordinary_week_is_five_working_days():
    assert notice_end(date(2025, 11, 3), 5) == date(2025, 11, 7)
    assert working_days_between(date(2025, 11, 3), date(2025, 11, 9)) == 5


def test_add_working_days_crosses_the_2026_spring_festival():
    # Fri 13 Feb 2026 → Sat 14 (worked) is the next working day; then the holiday until 23 Feb.
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_working_days_between_counts_the_national_day_week():
    assert working_days_between(date(2025, 10, 1), date(2025, 10, 12)) == 3  # 9, 10, 11 Oct
