from decimal import Decimal

from django import template

from apps.applications.workflow.states import status_label
from apps.standards.scoring import answer_text, fmt_score, to_decimal

register = template.Library()


@register.filter
def score(value: object) -> str:
    """A score without trailing zeros or exponent: 100, 7.5, -2."""
    number = value if isinstance(value, Decimal) else to_decimal(value)
    return "" if number is None else fmt_score(number)


@register.filter
def answer(value: object) -> str:
    """A stored answer as people read it: 是/否 for a veto item, the number otherwise."""
    return answer_text(str(value)) if value not in (None, "") else ""


@register.filter
def choice_label(choices: list[dict], value: str) -> str:
    number = to_decimal(value)
    for choice in choices:
        if to_decimal(choice["value"]) == number:
            return choice["label"]
    return ""


@register.filter
def status_at(value: str, naming_level: str) -> str:
    """An application status's label with the naming office's level word: ``{{ s|status_at:naming_level }}``."""
    return status_label(value, naming_level)
