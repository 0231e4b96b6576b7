"""Which models the audit trail follows, and where each change belongs.

Every entry is stored with the region (the unit's county, or the rule's
city) and the application it concerns, so the viewer can scope entries by
jurisdiction with one indexed prefix match and list an application's
history without knowing every model. A model is followed by a ``Tracked``
row that its own app passes to ``track()`` in its ``AppConfig.ready()``
(e.g. ``apps/applications/audited.py``); ``track`` registers it with
django-auditlog.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from auditlog.registry import auditlog
from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Scope:
    region_id: int | None
    application_id: int | None = None


@dataclass(frozen=True)
class Tracked:
    model: str
    label: str
    scope: Callable[[models.Model], Scope]
    # Bookkeeping columns (timestamps the entry carries anyway, file paths that are random names).
    exclude: tuple[str, ...] = ()
    # Chinese names for fields that have no verbose_name of their own.
    labels: dict[str, str] = field(default_factory=dict)
    # Field name → function turning a stored value into the text a person reads.
    formats: dict[str, Callable] = field(default_factory=dict)

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def include_fields(self) -> list[str]:
        return [f.name for f in self.model_class._meta.concrete_fields
                if not f.primary_key and f.name not in self.exclude]


# Filled by each app's AppConfig.ready() through track(): the audit app knows no model above it.
TRACKED: list[Tracked] = []
_BY_MODEL: dict[str, Tracked] = {}


def track(*rows: Tracked) -> None:
    """Follow these models from now on (called from the ready() of the app that owns them)."""
    for row in rows:
        if row.model.lower() in _BY_MODEL:
            continue
        TRACKED.append(row)
        _BY_MODEL[row.model.lower()] = row
        auditlog.register(row.model_class, include_fields=row.include_fields(), mapping_fields=dict(row.labels))


# The accounts app sits below this one, so its row is declared here.
ACCOUNT_ROWS = (
    # Who linked which platform identity to which account: read by system admins (no region).
    Tracked("accounts.ExternalIdentity", _("统一身份认证账号"), lambda o: Scope(region_id=None),
            exclude=("first_seen_at", "last_seen_at")),
)


def tracked_for(model: type[models.Model]) -> Tracked | None:
    return _BY_MODEL.get(model._meta.label_lower)


def scope_of(instance: models.Model) -> Scope:
    """The region and application a change of ``instance`` belongs to; an untracked model has none."""
    tracked = tracked_for(type(instance))
    return tracked.scope(instance) if tracked else Scope(region_id=None)
