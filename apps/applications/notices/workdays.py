"""China's working-day calendar: public holidays and the adjusted working days (调休).

The ``holidays`` package keeps the State Council's yearly schedule: its
China calendar lists the days off (including the weekdays given off in
lieu) and, in ``weekend_workdays``, the Saturdays and Sundays worked to
make up for them. We never keep our own list of dates.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=1)
def china_calendar() -> holidays.HolidayBase:
    # expand=True (the default) fills in each year the first time a date in it is asked about.
    return holidays.China(language="zh_CN")


def is_working_day(day: date) -> bool:
    return china_calendar().is_working_day(day)


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    return china_calendar().get_nth_working_day(start, count) if count else start


def notice_end(start: date, working_days: int) -> date:
    """Last day of a notice that opens on ``start`` and runs ``working_days`` working days.

    The opening day counts as the first day when it is a working day; a
    notice opened on a holiday starts counting on the next working day.
    """
    if working_days < 1:
        raise ValueError("a notice lasts at least one working day")
    return add_working_days(start - timedelta(days=1), working_days)


def working_days_between(start: date, end: date) -> int:
    """Working days from ``start`` to ``end``, both included."""
    if end < start:
        return 0
    return china_calendar().get_working_days_count(start, end)
