"""A reader who chose English sees no Chinese written by the portal itself: every page of every role of the cast,
read in English, holds Chinese characters only where they are data (unit, region, people's names, document
titles, a policy's own wording: whatever is stored in the database) or are kept Chinese on purpose (below).

It reuses the hostile-URL walk's paths: each portal URL filled with county X's objects (tests/access_world.py),
asked for by each role; the pages a role may open (200, HTML) are read. Printed documents (PDF, Word) are Chinese
whatever the reader's language: tests/core/test_official.py checks them.
"""

import re

import pytest
from django.apps import apps
from django.db import models

from apps.accounts.models import Role
from apps.campaigns.rules import GENERIC_TITLES
from apps.oversight.revocations.selectors import DEFAULT_NOTICE

from .access_world import logged_in_clients
from .test_hostile_urls import _paths

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A run of Chinese: Han characters with the full-width punctuation between them.
CHINESE_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
# Chinese kept on purpose in English pages, as if it were data: the language switcher names each language in
# itself; a title's official wording and an office's name (printed on the certificate and the notices); the
# public revocation notice's default wording (a policy may set its own: data); what a person types or finds under
# that name, and the examples of it in a field's help (a document number, the import template's Chinese sheet,
# the “系统” actor of the audit trail).
KEPT_CHINESE = ("简体中文", *GENERIC_TITLES.values(), "协调劳动关系三方委员会", "协调劳动关系三方",
                *re.split(r"\{\w+\}", DEFAULT_NOTICE), "填写说明", "系统", "枣人社字〔2023〕34号", "三(三)",
                "省级审核", "天津市河东区劳动关系和谐企业")
# A stored text is often shown cut short (a criterion's text in a select, a chart's wrapped label): a run this
# long that occurs in a stored text is data. Shorter runs (年, 月, 日 of a date written the Chinese way) are not.
SHORTEST_CUT_DATA = 4
# A contact shown masked (演**): the first character of a stored name.
MASKED_NAME = re.compile(r"^[\u3400-\u9fff]$")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (*_strings(key), *_strings(item))]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return []


def _stored_chinese() -> set[str]:
    """Every stored text with Chinese in it (JSON values and keys too)."""
    texts = set()
    for model in apps.get_models():
        fields = [field.attname for field in model._meta.concrete_fields
                  if isinstance(field, models.CharField | models.TextField | models.JSONField)]
        for row in model._default_manager.values_list(*fields) if fields else []:
            texts.update(text for value in row for text in _strings(value) if HAN.search(text))
    return texts


class DataFilter:
    """Which runs of Chinese on a page are not data. A run is data when it is a stored text, or one's run of Chinese
    (“2026 年检查督导” shows 年检查督导), or is made of such runs (临汾市 + 劳动关系和谐企业), or is a long enough piece
    of a stored text (cut short); decided once per run for the whole walk."""

    def __init__(self, stored: set[str]):
        self.stored = stored
        pieces = {run for text in (*stored, *KEPT_CHINESE) for run in CHINESE_RUN.findall(text)}
        self.pieces = sorted({*pieces, *KEPT_CHINESE}, key=len, reverse=True)
        self.decided: dict[str, bool] = {}

    def _is_data(self, run: str) -> bool:
        return ((len(run) >= SHORTEST_CUT_DATA and any(run in text for text in self.stored))
                or (MASKED_NAME.match(run) is not None and any(text.startswith(run) for text in self.stored)))

    def is_code(self, run: str) -> bool:
        if run not in self.decided:
            left = "" if self._is_data(run) else run
            for piece in self.pieces:
                if piece in left:
                    left = left.replace(piece, "\x00")
            self.decided[run] = any(HAN.search(part) and not self._is_data(part) for part in left.split("\x00"))
        return self.decided[run]


@pytest.fixture
def english_clients(shared_world, walk_settings, monkeypatch):
    walk_settings.RATELIMIT_ENABLE = False
    cast = shared_world.cast
    people = {"anonymous": None, **{str(role): user for role, user in cast.by_role().items()}}
    clients = logged_in_clients(people, raise_request_exception=False)
    for client in clients.values():
        client.cookies["django_language"] = "en"
    return _paths(shared_world["X"]), clients


@pytest.fixture(scope="module")
def data_filter(shared_world, django_db_blocker):
    with django_db_blocker.unblock():
        return DataFilter(_stored_chinese())


# The cast's roles (tests/fixtures/cast.py: Cast.by_role) and an anonymous visitor.
ROLES = ("anonymous", Role.UNIT_REP, Role.TOWNSHIP_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN, Role.CITY_ADMIN,
         Role.COORDINATOR, Role.DEPARTMENT_STAFF, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_read_in_english_has_chinese_only_in_its_data(english_clients, data_filter, rolled_back, role):
    paths, clients = english_clients
    client = clients[str(role)]
    found: dict[str, set[str]] = {}
    read = 0
    for name, path in paths.items():
        response = rolled_back(client, "get", path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        read += 1
        for run in set(CHINESE_RUN.findall(response.content.decode())):
            if data_filter.is_code(run):
                found.setdefault(run, set()).add(name)
    assert read >= 5  # the walk reached the role's pages, not only the login form
    assert not found, "\n".join(f"{part}  ← {', '.join(sorted(where)[:3])}" for part, where in sorted(found.items()))
