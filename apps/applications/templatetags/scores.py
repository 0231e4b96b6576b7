from decimal import Decimal

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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


@register.simple_tag
def comparison_rows(data) -> SafeString:
    """The body rows of the review page's side-by-side scores (reviews/_comparison.html), written in Python: the
    same markup the template's two nested loops gave, without a template node per cell (about a third of the
    page's template time at 3 members and 60 items). Each cell is a Cell of apps/applications/reviews/results.py.
    """
    differs_note = conditional_escape(gettext("（与自评不同）"))
    comment_label = conditional_escape(gettext("评分意见"))
    group_class = ' class="table-secondary"'
    group_fill = f'<td colspan="{len(data.columns)}" class="group-fill"></td>'
    parts = []
    for row in data.rows:
        criterion = row.criterion
        cells = []
        for cell in row.cells:
            classes = "text-end"
            if cell.differs:
                classes += " table-warning fw-bold"
            if cell.is_member:
                classes += " member-col"
            html = f'<td class="{classes}">{conditional_escape(cell.text)}'
            if cell.differs:
                html += f'<span class="visually-hidden">{differs_note}</span>'
            if cell.comment:
                html += (f'<div class="score-comment text-start fw-normal"><span class="visually-hidden">'
                         f'{comment_label}：</span>{conditional_escape(cell.comment)}</div>')
            cells.append(html + "</td>")
        if not row.cells and not criterion.is_leaf:
            cells.append(group_fill)
        parts.append(
            f'\n    <tr{"" if criterion.is_leaf else group_class}>\n'
            f'      <th scope="row" class="fw-normal item-col" style="padding-left: {criterion.depth + 1}em">'
            f'{conditional_escape(criterion.code)} {conditional_escape(criterion.title)}</th>\n'
            f'      {"".join(cells)}\n    </tr>\n  '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
