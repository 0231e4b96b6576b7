"""Form widgets every app shares."""

from django import forms

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """``<input type=date>`` whose value is always ISO (``2025-04-01``), whatever the language.

    Django otherwise renders the language's first input format (Chinese: ``2025/04/01``), which the
    browser discards: the field shows empty, and saving the form erases the date.
    """

    input_type = "date"

    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:  # noqa: A002 (Django's name)
        super().__init__(attrs=attrs, format=format or ISO_DATE)
