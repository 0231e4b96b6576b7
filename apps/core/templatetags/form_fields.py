"""Form fields in crispy-forms' Bootstrap 5 markup, written in Python.

``{% form_field field %}`` is ``{{ field|as_crispy_field }}``, ``{% form_fields form %}`` is ``{{ form|crispy }}``
and ``{% filter_fields form skip="sort" %}`` is a list page's filter row (each field in a ``col-6 col-md-3``
column): the same label, ``for``, classes, ``required``/``aria-*`` attributes, errors and help text
(tests/core/test_form_rendering.py compares them with crispy's), without crispy's chain of a dozen templates per
field, which was about half the template time of a list page. Widgets crispy lays out itself (radio buttons and
checkbox lists, files, multi-widgets) and forms with a crispy helper still go through crispy.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ASTERISK = '<span class="asteriskField">*</span>'


def _crispy_class(widget: forms.Widget, classes: str) -> str:
    """The class crispy's ``crispy_field`` gives the widget: its own, its class name, then ``classes``."""
    name = widget.__class__.__name__.lower()
    css = widget.attrs.get("class", "")
    if not css:
        css = name
    elif css.find(name) == -1:
        css += f" {name}"
    present = css.split()
    return css + "".join(f" {extra}" for extra in classes.split() if extra not in present)


def _laid_out_by_crispy(field: BoundField) -> bool:
    widget = field.field.widget
    return (
        field.use_fieldset
        or getattr(field.form, "helper", None) is not None
        or isinstance(widget, forms.FileInput | forms.MultiWidget)
        or hasattr(widget, "widget")
    )


def _errors_and_help(field: BoundField) -> str:
    parts = []
    if field.errors:
        auto_id = conditional_escape(field.auto_id)
        parts.append(f'<div id="{conditional_escape(str(field.errors.field_id))}_error" class="invalid-feedback">')
        parts.extend(
            f'<p id="error_{n}_{auto_id}"><strong>{conditional_escape(error)}</strong></p>'
            for n, error in enumerate(field.errors, start=1)
        )
        parts.append("</div>")
    if field.help_text:
        where = f'id="{conditional_escape(field.auto_id)}_helptext" ' if field.auto_id else ""
        parts.append(f'<div {where}class="form-text">{field.help_text}</div>')
    return "".join(parts)


def field_html(field: BoundField) -> SafeString:
    """``{{ field|as_crispy_field }}`` (crispy_bootstrap5's field.html), with the whitespace between tags left out."""
    if field.is_hidden:
        return mark_safe(str(field))
    if _laid_out_by_crispy(field):
        return as_crispy_field(field)
    widget = field.field.widget
    invalid = " is-invalid" if field.errors else ""
    required = field.field.required
    asterisk = ASTERISK if required else ""
    required_class = " requiredField" if required else ""
    css_classes = field.css_classes()
    extra_class = f" {conditional_escape(css_classes)}" if css_classes else ""
    label = conditional_escape(field.label) if field.label else ""
    wrapper_id = f"div_{conditional_escape(field.auto_id)}"
    if isinstance(widget, forms.CheckboxInput):
        control = field.as_widget(attrs={"class": _crispy_class(widget, "form-check-input" + invalid)})
        return mark_safe(
            f'<div class="mb-3"><div id="{wrapper_id}" class="form-check{extra_class}">{control}'
            f'<label for="{conditional_escape(field.id_for_label)}" class="form-check-label{required_class}">'
            f"{label}{asterisk}</label>{_errors_and_help(field)}</div></div>"
        )
    kind = "form-select" if isinstance(widget, forms.Select) else "form-control"
    control = field.as_widget(attrs={"class": _crispy_class(widget, kind + invalid)})
    label_html = ""
    if label:
        label_for = f'for="{conditional_escape(field.id_for_label)}" ' if field.id_for_label else ""
        label_html = f'<label {label_for}class="form-label{required_class}">{label}{asterisk}</label>'
    return mark_safe(
        f'<div id="{wrapper_id}" class="mb-3{extra_class}">{label_html}{control}{_errors_and_help(field)}</div>'
    )


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    return field_html(field)


@register.simple_tag
def form_fields(form: forms.BaseForm) -> SafeString:
    """``{{ form|crispy }}``: the form's errors that belong to no field, then every field."""
    if not isinstance(form, forms.BaseForm) or getattr(form, "helper", None) is not None:
        return as_crispy_form(form)  # a formset, a form with a helper, or a missing one (crispy renders nothing)
    errors = form.non_field_errors()
    alert = ""
    if errors:
        items = format_html_join("", "<li>{}</li>", ((error,) for error in errors))
        alert = f'<div class="alert alert-block alert-danger" role="alert"><ul class="m-0">{items}</ul></div>'
    return mark_safe(alert + "".join(field_html(field) for field in form))


@register.simple_tag
def filter_fields(form: forms.BaseForm, skip: str = "") -> SafeString:
    """A list page's filter form: each field but those named in ``skip`` in a column of the ``row g-2`` form."""
    skipped = skip.split(",")
    return mark_safe(
        "".join(f'<div class="col-6 col-md-3">{field_html(field)}</div>' for field in form if field.name not in skipped)
    )
