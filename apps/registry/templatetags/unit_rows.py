"""The rows of the unit list (templates/registry/unit_list.html)."""

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.core.links import url_for_each

register = template.Library()


def _text(value) -> str:
    """``{{ value }}``: localized, then escaped."""
    return conditional_escape(localize(value))


@register.simple_tag
def unit_rows(page: Page) -> SafeString:
    """The page's units (region, township, enterprise and industry read with them), written in one pass: the markup
    the template's row loop gave. That loop was a third of the page's CPU: each unit that is not an enterprise
    (a park, an industry body) failed six ``unit.enterprise`` look-ups, and the template answers a failed look-up by
    listing the model's attributes to tell it from a failing property."""
    detail_url = url_for_each("registry:unit_detail")
    unconfirmed_word = gettext("待核实")  # not inside the f-string: makemessages would not see it
    unconfirmed = f' <span class="badge text-bg-warning">{conditional_escape(unconfirmed_word)}</span>'
    parts = []
    for unit in page:
        try:
            enterprise = unit.enterprise
        except ObjectDoesNotExist:
            enterprise = None
        if enterprise is None:
            uscc = industry = size = employees = grade = ""
        else:
            uscc = _text(enterprise.uscc) + (unconfirmed if enterprise.uscc_needs_confirmation else "")
            industry = _text(enterprise.industry.name) if enterprise.industry is not None else ""
            size = _text(enterprise.get_size_display())
            employees = "" if enterprise.employee_count is None else _text(enterprise.employee_count)
            grade = _text(enterprise.credit_grade)
        place = _text(unit.region.name) + (f" · {_text(unit.township.name)}" if unit.township else "")
        parts.append(
            f'\n    <tr>\n      <td><a href="{detail_url(unit.pk)}">{_text(unit.name)}</a></td>\n'
            f"      <td>{_text(unit.get_kind_display())}</td>\n"
            f"      <td>{uscc}</td>\n"
            f"      <td>{place}</td>\n"
            f"      <td>{industry}</td>\n"
            f"      <td>{size}</td>\n"
            f"      <td>{employees}</td>\n"
            f"      <td>{grade}</td>\n"
            f"      <td>{_text(unit.get_verification_status_display())}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
