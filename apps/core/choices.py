"""A select's model choices kept in the process for a few minutes: the reference lists (regions, industry
classes) that a list page's filter or a city's enterprise form offers on every request.

Reading the 1,200 townships of a city and making a model instance, a label and an option of each cost ~10 ms
of CPU per page; the list changes only when someone edits the regions or the industry classification in the
admin. A kept list is found by the form's name for it, the query (so each jurisdiction has its own) and the
language; after ``KEPT_SECONDS`` it is read again. What a person submits is still looked up in the field's
queryset, so a stale list can only offer an option a few minutes late, never accept one it should not.
A list page's blank filter form (``kept_blank_form``) is kept rendered the same way, under the same queries, and
a page's blank form (``kept_markup``) under everything it is written from.
"""

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import EmptyResultSet
from django.forms.models import ModelChoiceIteratorValue
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

KEPT_SECONDS = 300
KEPT_LISTS = 64  # the oldest list (or form) is dropped beyond this: one per jurisdiction and language in use
KEPT_MARKUP = 256  # likewise for kept_markup: one per county (a panel's reviewers) and language, a few per standard

T = TypeVar("T")

_kept: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
_markup: OrderedDict[tuple, tuple[float, object]] = OrderedDict()


def _plain(choices) -> list[tuple[str, str]]:
    """Values and labels as the strings the select shows (labels in the current language)."""
    return [
        (str(value.value if isinstance(value, ModelChoiceIteratorValue) else value), str(label))
        for value, label in choices
    ]


def kept_choices(field: forms.ModelChoiceField, name: str) -> None:
    """Offer ``field``'s choices from the list kept under ``name`` and its query; ``name`` stands for the way the
    field labels its options (two fields labelling one query differently need two names)."""
    base = field.iterator

    class Kept(base):
        def _choices(self) -> list[tuple[str, str]]:
            try:
                sql, params = self.queryset.query.sql_with_params()
            except EmptyResultSet:  # a field that offers nothing (no jurisdiction): only its empty label, no query
                return _plain(base(self.field))
            key = (name, sql, tuple(params), get_language(), str(self.field.empty_label))

            def read() -> list[tuple[str, str]]:
                iterator = base(self.field)
                iterator.queryset = self.queryset
                return _plain(iterator)

            return _keep(key, read)

        def __iter__(self):
            return iter(self._choices())

        def __len__(self) -> int:
            return len(self._choices())

        def __bool__(self) -> bool:
            return bool(self._choices())

    field.iterator = Kept
    field.widget.choices = field.choices


def _keep(key: tuple, read: Callable[[], T], *, store: OrderedDict = _kept, limit: int = KEPT_LISTS) -> T:
    """``read()``'s value kept under ``key`` for ``KEPT_SECONDS``."""
    now = time.monotonic()
    found = store.get(key)
    if found is None or now - found[0] > KEPT_SECONDS:
        found = (now, read())
        store[key] = found
        while len(store) > limit:
            store.popitem(last=False)
    return found[1]


def kept_blank_form(form: forms.BaseForm, name: str, render: Callable[[forms.BaseForm], str]) -> SafeString:
    """``render(form)`` for a list page's filter form with nothing chosen, kept as its choices are: per the queries of
    its model choices (so per jurisdiction) and language, for ``KEPT_SECONDS``.

    A blank filter form shows the same choices and no value on every view of the list, and writing its selects (a
    city's 200 counties and townships, the industry classes) cost ~5 ms of CPU per page. The caller tells a blank
    form (valid, no filter chosen); one with a value or an error is rendered each time."""
    try:
        queries = tuple((field_name, field.queryset.query.sql_with_params())
                        for field_name, field in form.fields.items() if isinstance(field, forms.ModelChoiceField))
    except EmptyResultSet:  # a field offers nothing (no jurisdiction): written each time
        return mark_safe(str(render(form)))  # noqa: S308 - the form's own rendering
    key = ("blank-form", name, repr(queries), get_language())
    return mark_safe(_keep(key, lambda: str(render(form))))  # noqa: S308 - the form's own rendering, kept


def kept_markup(name: str, made_from: tuple, render: Callable[[], str]) -> SafeString:
    """``render()``'s markup for a page's form with nothing typed, kept per language and ``made_from``: every value
    the markup is written from (labels, choices, the fields offered), so a form whose labels or choices changed is
    written anew under its new key and nothing needs dropping; ``KEPT_SECONDS`` only bounds how long an unused one
    stays. The markup must not hold the CSRF token or anything else of the viewer; the caller writes a bound form
    (typed values, errors) each time, never through here."""
    key = (name, made_from, get_language())
    return mark_safe(_keep(key, lambda: str(render()), store=_markup, limit=KEPT_MARKUP))  # noqa: S308 - kept render


def kept_choices_clear() -> None:
    """Forget every kept list and form (tests: each one's regions are new rows)."""
    _kept.clear()
    _markup.clear()


def named_choices(field: forms.ModelChoiceField, label: str) -> None:
    """Offer ``field``'s choices as each row's key and the column ``label`` names (``"unit__name"``), read as bare
    values: a city's enterprise form offers its 400 parks, and a model instance (with its unit) built per option
    cost more than the rest of the page. For lists people add to, which cannot be kept (``kept_choices``)."""
    base = field.iterator

    class Named(base):
        def __iter__(self):
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            for pk, text in self.queryset.values_list("pk", label):
                yield (str(pk), text)

    field.iterator = Named
    field.widget.choices = field.choices
