"""Numbers from query strings and form fields, read so that no typed character can raise.

``str.isdigit()`` is true for "²" and "①", which ``int()`` then refuses with a ValueError (a 500);
these helpers accept ASCII digits only and answer None for anything else.
"""

import re

_WHOLE = re.compile(r"[0-9]{1,18}")


def whole_number(value: object, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """``value`` as a non-negative int within the bounds, or None."""
    text = str(value if value is not None else "").strip()
    if not _WHOLE.fullmatch(text):
        return None
    number = int(text)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def campaign_year(value: object, *, default: int) -> int:
    """A year of the campaigns (2000–2100) from a query string, else ``default``."""
    year = whole_number(value, minimum=2000, maximum=2100)
    return default if year is None else year
