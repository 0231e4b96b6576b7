"""The campaign models the audit trail follows (registered in apps.py): who changed which rule of a policy,
who moved which date of a campaign calendar."""

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Party
from apps.audit.tracked import Scope, Tracked
from apps.registry.units.models import UnitKind

from .models import EvidenceKind


def _kind(kind: str) -> str:
    return str(dict(UnitKind.choices).get(kind, kind))


def _parties(value) -> str:
    labels = dict(Party.choices)
    required = gettext("（必须）")
    return pgettext("list separator", "、").join(
        f"{labels.get(row.get('party'), row.get('party'))}{required if row.get('required') else ''}"
        for row in value or [])


def _by_unit_kind(value) -> str:
    colon = pgettext("label separator", "：")
    return pgettext("clause separator", "；").join(f"{_kind(kind)}{colon}{text}"
                                                  for kind, text in (value or {}).items())


def _evidence(value) -> str:
    labels = dict(EvidenceKind.choices)

    def named(row) -> str:
        return row.get("label") or str(labels.get(row.get("kind"), ""))

    colon, sep = pgettext("label separator", "："), pgettext("list separator", "、")
    return pgettext("clause separator", "；").join(f"{_kind(kind)}{colon}" + sep.join(named(row) for row in rows)
                                                  for kind, rows in (value or {}).items())


def _lines(value) -> str:
    return pgettext("list separator", "、").join(value or [])


ROWS = (
    # A calendar belongs to the region that runs the campaign: a city, or a district that names.
    Tracked("campaigns.CampaignYear", _("创建活动年度"), lambda o: Scope(region_id=o.city_id),
            exclude=("updated_at",)),
    Tracked("campaigns.CampaignPolicy", _("创建活动政策"), lambda o: Scope(region_id=o.region_id),
            exclude=("updated_at", "updated_by"),
            formats={"panel_parties": _parties, "titles": _by_unit_kind, "required_evidence": _evidence,
                     "revocation_consents": _lines}),
)
