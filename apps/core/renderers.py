"""The form renderer (settings.FORM_RENDERER): templates/django/forms/ adjust widgets once for every form, and
the select, input and textarea widgets are written here in Python.

A select renders one loop iteration per option in its template (templates/django/forms/widgets/select.html):
~10 µs each, so the 138 counties and townships of a filter or the 1,200 of a city's enterprise form cost
2–15 ms of CPU per page. ``select_html`` writes the same bytes (tests/core/test_form_rendering.py compares
them with the template's) with the same escaping; an option with its own template still goes through it.
"""

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.translation import gettext

SELECT_TEMPLATE = "django/forms/widgets/select.html"
# Django's own templates that are each ``input.html`` (which includes ``attrs.html``) and nothing else: two
# template renders per field, about a third of a long form's template time (the policy form's 24 fields).
INPUT_TEMPLATES = frozenset(f"django/forms/widgets/{name}.html" for name in (
    "checkbox", "date", "datetime", "email", "hidden", "input", "number", "password", "search", "tel", "text",
    "time", "url",
))
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
EMPTY_LABEL = "---------"


def _text(value) -> str:
    """``{{ value }}`` in a template: localized, then escaped unless marked safe."""
    return conditional_escape(localize(value))


def attrs_html(attrs: dict) -> str:
    """templates/django/forms/widgets/attrs.html: ``False`` leaves the attribute out, ``True`` writes its name."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget: dict) -> str | None:
    """The select of ``widget`` (a Select widget's context), or None when an option has its own template."""
    please = None
    parts = [f'<select name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            label = option["label"]
            if label == EMPTY_LABEL:
                please = please or conditional_escape(gettext("请选择"))
                label_html = please
            else:
                label_html = _text(label)
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{attrs_html(option["attrs"])}>{label_html}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts).strip()


def input_html(widget: dict) -> str:
    """Django's ``input.html``: the value as ``stringformat:'s'`` gives it (escaped, not localized)."""
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{attrs_html(widget["attrs"])}>'


def textarea_html(widget: dict) -> str:
    """Django's ``textarea.html``."""
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>\n{value}</textarea>'


class FormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = select_html(context["widget"])
            if html is not None:
                return html
        elif template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        elif template_name == TEXTAREA_TEMPLATE:
            return textarea_html(context["widget"])
        return super().render(template_name, context, request=request)
