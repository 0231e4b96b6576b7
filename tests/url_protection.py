"""Walk every URL pattern and find views that answer an anonymous user."""

import re
from collections.abc import Iterator

from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Views anyone may open without logging in. Adding a name here is a decision:
# say in the commit why the page is public.
PUBLIC_URL_NAMES = {
    "home:index",
    "core:healthz",
    "core:healthz_live",  # says only "ok": that the process answers
    "core:healthz_workers",
    "accounts:login",
    # Unified login: the start redirects to the province's identity platform, the callback checks the
    # platform's answer against the state in the session, and the waiting page shows only the caller's own
    # pending request. All answer 404 unless OIDC_ENABLED (CAS_ENABLED for the CAS login, which goes to the
    # CAS server and checks the ticket it comes back with).
    "accounts:unified_login",
    "accounts:cas_login",
    "accounts:unified_callback",
    "accounts:unified_pending",
    "accounts:logout",  # logging out an anonymous user only redirects home
    # Forgotten passwords (Django's reset views): asking for the link says the same whether the address exists,
    # and only the e-mailed one-time token opens the form that sets a password.
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "admin:logout",  # the same, for the admin site
    "admin:login",
    "set_language",
    # Employees answer the satisfaction survey anonymously from a link or QR code, without an account;
    # the page shows only the questionnaire of the survey whose unguessable token is in the URL.
    "surveys:respond",
    # 向社会公布: revoked titles are announced to the public (Linfen plan §五(四)).
    "revocations:public_notices",
    # The API's machine-readable description: no data in it, and other departments' developers
    # need it before they are issued a token. The API itself answers 401 without a token.
    "api:schema",
    # Enterprises register themselves before they have an account; the page is
    # rate-limited per IP and what it creates stays pending until a county admin verifies it.
    "registry:signup",
    # The sign-up form's township and park choices for one county: public region names only, as on the page.
    "registry:signup_places",
    # Public by policy (公示/认定): anyone may read notices, object during a notice, see the named
    # list and verify a certificate by the number or QR code printed on it.
    "notices:public_list",
    "notices:public_detail",
    "notices:object",
    "recognitions:named_list",
    "recognitions:verify",
    "recognitions:verify_lookup",
    # 申报进度查询: the number and the unit's credit code must both match; it shows a status label and a date only
    # and is rate-limited per address.
    "assessments:status_lookup",
    # Typical cases (典型案例) are written to be shared: a county publishes a case on purpose, and only
    # published ones are listed or shown.
    "reports:public_cases",
    "reports:public_case",
}

_CONVERTER_SAMPLES = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000001", "path": "x"}


def iter_patterns(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """Yield (qualified name, sample path) for every named pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_patterns(entry, route, ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed {route}>"
            yield name, _sample_path(route)


def _sample_path(route: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: _CONVERTER_SAMPLES.get(m.group(1) or "str", "x"), route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/" + route.replace("\\", "")


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302):
        return False
    location = response.headers.get("Location", "")
    return location.startswith(str(settings.LOGIN_URL)) or "/login/" in location


def unprotected_views(client: Client | None = None) -> list[str]:
    """Names of non-public views that an anonymous GET or POST does not turn away."""
    client = client or Client()
    offenders = []
    for name, path in iter_patterns():
        if name in PUBLIC_URL_NAMES:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            turned_away = _is_login_redirect(response) or response.status_code in (401, 403, 405)
            if not turned_away:
                offenders.append(f"{name} {method.upper()} {path} → {response.status_code}")
    return offenders
