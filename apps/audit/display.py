"""Turning stored changes into what a person reads: Chinese field names, labels for codes, names for ids.

Related objects named in a page of entries are fetched together, one query
per related model, so a page costs the same number of queries whatever it
shows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .models import EntryScope
from .tracked import tracked_for

EMPTY = "—"
ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("新建"),
    LogEntry.Action.UPDATE: gettext_lazy("修改"),
    LogEntry.Action.DELETE: gettext_lazy("删除"),
    LogEntry.Action.ACCESS: gettext_lazy("查看"),
}


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class EntryView:
    entry: LogEntry
    kind: str
    action: str
    actor: str
    changes: list[FieldChange]
    application_id: int | None


def actor_label(entry: LogEntry) -> str:
    if entry.actor is not None:
        user = entry.actor
        return f"{user.full_name}（{user.username}）" if user.full_name else user.username
    if entry.remote_addr:
        # A web request without a signed-in user: the public (e.g. an objection) or an API client.
        return _("未登录访问（%(addr)s）") % {"addr": entry.remote_addr}
    return _("系统")


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _related_names(entries: list[LogEntry]) -> dict[type[models.Model], dict[str, str]]:
    """For every foreign key value on the page, the related object's name, fetched per model at once."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in (entry.changes or {}).items():
            field = _field(model, name)
            if field is not None and (field.many_to_one or field.one_to_one):
                wanted[field.related_model].update(v for v in values if v not in (None, "", "None"))
    names = {}
    for model, pks in wanted.items():
        rows = model._base_manager.select_related().in_bulk([model._meta.pk.to_python(pk) for pk in pks])
        names[model] = {str(pk): str(obj) for pk, obj in rows.items()}
    return names


def _text(value, field: models.Field | None, formats: dict, related: dict) -> str:
    if value is None or value == "" or value == "None":
        return EMPTY
    if field is None:
        return str(value)
    if field.name in formats:
        return formats[field.name](value)
    if field.choices:
        return _choice_labels(field, get_language()).get(value, str(value))
    if isinstance(field, models.BooleanField):
        return _("是") if value in (True, "True") else _("否")
    if field.is_relation:
        return related.get(field.related_model, {}).get(str(value), _("已删除的记录（编号 %(pk)s）") % {"pk": value})
    if isinstance(field, models.DateTimeField):
        # django-auditlog stores date-times as naive UTC text.
        try:
            moment = datetime.datetime.fromisoformat(str(value)).replace(tzinfo=datetime.UTC)
        except ValueError:
            return str(value)
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


@cache
def _choice_labels(field: models.Field, language: str | None) -> dict:
    """A field's choices and their labels in the language (the same on every page; read per value, they were a
    tenth of the audit page's CPU)."""
    return {value: str(label) for value, label in field.flatchoices}


@cache
def _labels(model: type[models.Model] | None, language: str | None) -> dict[str, str]:
    """Every field's label as the audit pages print it: the followed model's own wording, else its verbose name."""
    if model is None:
        return {}
    tracked = tracked_for(model)
    labels = {}
    for f in model._meta.get_fields():
        if hasattr(f, "verbose_name"):  # a relation's other end has none, and no entry names it
            labels[f.name] = labels[getattr(f, "attname", f.name)] = str(capfirst(f.verbose_name))
    return labels | {name: str(label) for name, label in (tracked.labels if tracked else {}).items() if label}


@cache
def _field_order(model: type[models.Model] | None) -> dict[str, int]:
    return {f.name: i for i, f in enumerate(model._meta.get_fields())} if model is not None else {}


def _changes(entry: LogEntry, related: dict) -> list[FieldChange]:
    model = entry.content_type.model_class()
    tracked = tracked_for(model) if model is not None else None
    labels = _labels(model, get_language())
    formats = tracked.formats if tracked else {}
    order = _field_order(model)
    rows = []
    for name, values in sorted((entry.changes or {}).items(), key=lambda item: order.get(item[0], len(order))):
        field = _field(model, name)
        label = labels.get(name, name)
        if isinstance(values, dict) and values.get("type") == "m2m":
            objects = "、".join(values.get("objects", []))
            before, after = (EMPTY, objects) if values.get("operation") == "add" else (objects, EMPTY)
            rows.append(FieldChange(label, before, after))
            continue
        before, after = (_text(value, field, formats, related) for value in values)
        if before != after:  # a new record's empty fields (None → "") read the same: not a change to show
            rows.append(FieldChange(label, before, after))
    return rows


def _scope(entry: LogEntry) -> EntryScope | None:
    try:
        return entry.scope
    except EntryScope.DoesNotExist:
        return None


def entries_described(entries) -> list[EntryView]:
    entries = list(entries)
    related = _related_names(entries)
    views = []
    for entry in entries:
        model = entry.content_type.model_class()
        tracked = tracked_for(model) if model is not None else None
        scope = _scope(entry)
        views.append(EntryView(
            entry=entry,
            kind=str(tracked.label) if tracked else entry.content_type.name,
            action=str(ACTIONS.get(entry.action, entry.action)),
            actor=actor_label(entry),
            changes=_changes(entry, related),
            application_id=scope.application_id if scope else None,
        ))
    return views
