"""The filters of the offices' registers (training sessions, honours) and their Excel exports, read from the query
string: a year, this year by default; fields narrowed to one of their choices, where a value that is not one
narrows nothing; and free-text searches, trimmed to 100 characters."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet, TextChoices
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode

from apps.core.params import campaign_year


@dataclass(frozen=True)
class ListFilter:
    year: int
    chosen: dict[str, str]  # a choice field (its query parameter) → the value chosen, "" for all
    searched: dict[str, str]  # a search's query parameter → the text typed, "" for none

    def narrow(self, rows: QuerySet) -> QuerySet:
        """``rows`` with each chosen value (the searches are the caller's: which fields they look in)."""
        return rows.filter(**{field: value for field, value in self.chosen.items() if value})

    @property
    def context(self) -> dict:
        """What the list page shows of the filter: each value by its parameter's name, and ``query`` for the
        export link and the pages."""
        values = {"year": self.year, **self.chosen, **self.searched}
        return {**values, "query": urlencode({name: value for name, value in values.items() if value})}


def list_filter(request: HttpRequest, *, choices: dict[str, type[TextChoices]],
                searches: Iterable[str] = ()) -> ListFilter:
    year = campaign_year(request.GET.get("year"), default=timezone.localdate().year)
    chosen = {}
    for name, options in choices.items():
        value = request.GET.get(name, "")
        chosen[name] = value if value in options.values else ""
    return ListFilter(year=year, chosen=chosen,
                      searched={name: request.GET.get(name, "").strip()[:100] for name in searches})
