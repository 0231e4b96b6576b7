"""No input makes the portal answer 500: every URL pattern with hostile query parameters, hostile path values,
bogus ids in POSTed forms, and the admin's change pages of objects with files.

The URL-protection walk (test_url_protection.py) proves who is turned away; this walk proves that whatever a
logged-in person of each role (or anybody) sends, the answer is a page or a 4xx, never a server error.
"""

import re

import pytest
from django.urls import reverse

from .access_world import logged_in_clients
from .test_access_matrix import ARGUMENTS, routes

pytestmark = pytest.mark.django_db

# Every query parameter a view reads (request.GET and the filter forms), each given the same hostile value.
PARAMS = ("page", "page_size", "year", "status", "county", "region", "q", "unit", "sort", "old", "new", "kind",
          "next", "number", "object", "actor", "action", "date_from", "date_to", "application", "industry",
          "size", "credit_grade", "criterion", "level", "format", "state", "on_behalf", "mine", "party")
HOSTILE = {
    "superscript digit": "²", "negative": "-1", "letters": "abc", "nul": "\x00", "nul after digit": "1\x00",
    "huge number": "9" * 40, "float overflow": "1e309", "fullwidth digits": "２０２６",
    "markup and a slash": "<script>alert(1)</script>",
}
# Values put into a URL's own string arguments (a certificate number, a survey token, an event id...).
HOSTILE_PATH_VALUES = ("%00", "%C0%AF", "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "x" * 300, "%F0%9F%99%82")




def _paths(world) -> dict[str, str]:
    """Each portal URL (not the admin's) filled with the world's objects of county X."""
    paths = {}
    for name, route in routes():
        if name.startswith("admin:") or name == "api:not_found":
            continue
        label = name if name in ARGUMENTS else next((label for label in ARGUMENTS if label.split()[0] == name), None)
        if label is not None:
            kwargs = {arg: source[1:] if source.startswith("=") else world[source]
                      for arg, source in ARGUMENTS[label].items()}
            paths[name] = reverse(name, kwargs=kwargs)
        elif not re.search(r"<\w|\(\?P<", route):
            paths[name] = reverse(name)
    return paths


@pytest.fixture
def walk(shared_world, walk_settings, quick_documents):
    # Rate limits would answer 429 before a view reads its input (and clearing the shared cache instead would
    # reset other tests' counters when the suite runs in parallel).
    walk_settings.RATELIMIT_ENABLE = False
    cast = shared_world.cast
    clients = logged_in_clients(
        {"anonymous": None, "rep": cast.rep_a, "town": cast.township_staff_x, "adm": cast.county_admin_x,
         "city": cast.city_admin, "coord": cast.coordinator_x, "hrss": cast.reviewers_x["hrss"],
         "sec": cast.security_admin},
        raise_request_exception=False)
    return _paths(shared_world["X"]), clients


# Health checks answer 503 by design when what they check is down (here no Celery worker runs).
HEALTH_CHECKS = ("core:healthz", "core:healthz_workers")


def _is_server_error(label: str, status: int) -> bool:
    return status >= 500 and not (status == 503 and label.split()[-1] in HEALTH_CHECKS)


def _assert_no_server_error(responses) -> None:
    errors = [f"{label} → {response.status_code}" for label, response in responses
              if _is_server_error(label, response.status_code)]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("value", HOSTILE)
def test_no_url_answers_500_to_hostile_query_parameters(walk, rolled_back, value):
    paths, clients = walk
    query = {name: HOSTILE[value] for name in PARAMS}
    responses = []
    for role, client in clients.items():
        for name, path in paths.items():
            responses.append((f"{role} GET {name}", rolled_back(client, "get", path, query)))
    _assert_no_server_error(responses)


def test_no_url_answers_500_to_hostile_values_in_its_path(walk, rolled_back):
    _, clients = walk
    responses = []
    for name, route in routes():
        if name.startswith("admin:") or not re.search(r"<(str:)?\w+>|<path:\w+>", route):
            continue
        for raw in HOSTILE_PATH_VALUES:
            path = "/" + re.sub(r"<(?:(?:str|path):)?(\w+)>", raw, route)
            path = re.sub(r"<int:\w+>", "1", path)
            for role in ("anonymous", "adm", "city"):
                responses.append((f"{role} GET {path}", rolled_back(clients[role], "get", path)))
    for raw in ("/verify/%00/", "/s/%00/", "/verify/%00", "/s/%00", "/%00/", "/api/v1/risk-events/%00/"):
        responses.append((f"anonymous GET {raw}", rolled_back(clients["anonymous"], "get", raw)))
    _assert_no_server_error(responses)


BOGUS_IDS = ("abc", "-1", "0", "999999999", "99999999999999999999", "1.5", "\x00", "²", "", "[]")


@pytest.mark.parametrize("value", BOGUS_IDS)
def test_no_form_answers_500_to_bogus_ids(walk, rolled_back, value):
    """Every POST with every field name a form of the portal uses set to a bogus id (or non-number)."""
    paths, clients = walk
    fields = ("unit", "units", "region", "county", "township", "park", "industry", "criterion", "kind",
              "reviewers", "recorder", "rule", "measure", "coordinator", "year", "severity", "application",
              "applications", "ids", "selected", "batch", "recognition", "number", "level", "outcome", "decision",
              "party", "status", "members", "e-region", "e-township", "e-park", "e-industry", "region_id",
              "action", "min_count", "window_days", "min_severity", "kinds", "goal", "min_enterprises",
              "min_areas", "employee_count", "e-employee_count", "score", "value", "attempt", "username")
    data = {name: value for name in fields}
    responses = []
    for role in ("rep", "town", "adm", "city", "hrss", "sec", "anonymous"):
        for name, path in paths.items():
            if name.startswith("api:"):
                continue
            responses.append((f"{role} POST {name}", rolled_back(clients[role], "post", path, data)))
    _assert_no_server_error(responses)


def test_the_admin_change_pages_of_objects_with_files_open(client, shared_world):
    """Evidence, photos, attachments, reports: their change pages (and lists) open for a superuser."""
    from django.contrib import admin
    from django.db.models import FileField

    from apps.accounts.models import User

    superuser = User.objects.get(pk=shared_world.cast.system_admin.pk)  # a copy: the world's stays as it is
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    client.force_login(superuser)
    client.raise_request_exception = False
    responses = []
    for model in admin.site._registry:
        if not any(isinstance(field, FileField) for field in model._meta.get_fields()):
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        responses.append((prefix, client.get(reverse(f"{prefix}_changelist"))))
        for obj in model.objects.all()[:3]:
            responses.append((f"{prefix} {obj.pk}", client.get(reverse(f"{prefix}_change", args=[obj.pk]))))
    assert len(responses) >= 8
    _assert_no_server_error(responses)
