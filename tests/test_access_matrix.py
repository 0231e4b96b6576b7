"""Every URL that names an object × every role of the cast × own and other jurisdiction.

Each role of county X / 临汾市 asks for the object of its own side (unit A in
尧都区, township 解放路街道) and for the one across its border: a unit of 尧都区
outside that township for the township staff; unit B in 曲沃县 for the unit
rep, reviewers, county admin, coordinator and system admin; a unit of 枣庄市
for the city admin. Objects come from ``tests/access_world.py``.

The table says which roles may open their own side's object. Everybody else
must be turned away (403/404, anonymous users to the login page), and nobody
may open the object across the border. ``-`` means the method is not
accepted for anyone (405 or a refusal); ``public`` means anyone may open it;
``shared`` marks an object that belongs to no jurisdiction (an entry of the
incentive catalogue): the roles named may open it from either side, and what
the page lists is scoped (tested with the app).
Each request runs in a transaction that is rolled back, so an allowed POST
does not change the world for the next row.

A new object URL fails ``test_every_object_url_is_in_the_matrix`` until it
gets a row here.
"""

import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from .access_world import RolledBackRequests, logged_in_clients

pytestmark = pytest.mark.django_db

# Roles (columns): rep = unit representative, town = township staff, hrss/union/conf/fed = the four county
# reviewer parties (rev = all four), adm = county admin, coord = coordinator, dept = staff of a department the city
# consults before a notice (their own side is 临汾市's departments, across is 枣庄市's), city = city admin,
# sys = system admin. Anonymous users are never allowed on a non-public row. A role marked * may open the
# object on either side: it holds no jurisdiction there (the system admin sets any region's policy).
MATRIX = """
URL name                        | GET: allowed on own           | POST: allowed on own
surveys:open                    | -                             | rep
surveys:detail                  | rep town rev adm city         | rep town rev adm city
surveys:poster                  | rep                           | rep
surveys:codes                   | -                             | rep
surveys:arrivals                | town rev adm city             | town rev adm city
surveys:close                   | -                             | rep
surveys:reopen                  | -                             | rep
surveys:respond                 | public                        | public
registry:unit_detail            | rep town rev adm coord city   | rep town rev adm coord city
registry:unit_contact_reveal    | -                             | rep town rev adm coord city
registry:unit_verify            | -                             | adm city
registry:unit_reject            | -                             | adm city
registry:registration_resubmit  | rep                           | rep
registry:import_preview         | adm                           | adm
registry:import_confirm         | -                             | adm
enterprises:edit                | adm city                      | adm city
enterprises:uscc_confirm        | -                             | adm city
parks:station_add               | adm city                      | adm city
industries:members              | adm city                      | adm city
coordinators:edit               | adm city                      | adm city
campaigns:edit                  | city                          | city
campaigns:policy_detail         | adm city sys*                 | adm city sys*
campaigns:policy_edit           | adm sys*                      | adm sys*
campaigns:policy_edit city      | city sys*                     | city sys*
surveys:standard_in_force_edit  | city                          | city
assessments:unit_current        | rep                           | rep
assessments:detail              | rep town rev adm city         | rep town rev adm city
assessments:history             | town rev adm city             | -
assessments:answer_save         | -                             | rep
assessments:answer_from_survey  | -                             | rep
assessments:evidence_upload     | -                             | rep
assessments:evidence_download   | rep town rev adm city         | rep town rev adm city
assessments:evidence_withdraw   | -                             | rep
assessments:submit              | -                             | rep
assessments:compare             | rep town rev adm city         | rep town rev adm city
assessments:pdf                 | rep town rev adm city         | rep town rev adm city
assessments:on_behalf_start     | town adm                      | town adm
titles:renew                    | -                             | rep
reviews:batch_detail            | city                          | city
reviews:photo                   | town rev adm city             | town rev adm city
reviews:detail                  | town rev adm city             | town rev adm city
reviews:panel_form              | -                             | adm
reviews:sheet                   | rev                           | rev
reviews:level_sheet             | town                          | town
reviews:level_sheet city        | city                          | city
reviews:decide                  | -                             | rev adm
reviews:precheck                | -                             | town
reviews:inspection_add          | -                             | rev adm
reviews:evaluation_pdf          | town rev adm city             | town rev adm city
reviews:evaluation_docx         | town rev adm city             | town rev adm city
reviews:feedback                | rep                           | rep
reviews:send_back               | -                             | city
reviews:spot_check              | -                             | city
reviews:reopen                  | -                             | adm
notices:public_detail           | public                        | public
notices:object                  | public                        | public
notices:manage_detail           | city                          | city
notices:name_all                | -                             | city
notices:notice_pdf              | city                          | city
notices:notice_docx             | city                          | city
notices:decision_pdf            | -                             | -
notices:decision_docx           | -                             | -
notices:handle                  | -                             | city
notices:province_record         | city                          | city
opinions:detail                 | city                          | city
experts:edit                    | adm city                      | adm city
experts:draw_detail             | adm city                      | adm city
experts:draw                    | -                             | adm
experts:decline                 | -                             | adm
opinions:export                 | city                          | city
opinions:handle                 | -                             | city
opinions:department_edit        | city                          | city
opinions:answer                 | dept                          | dept
recognitions:verify             | public                        | public
recognitions:detail             | rep town rev adm coord city   | rep town rev adm coord city
recognitions:certificate        | rep town rev adm coord city   | rep town rev adm coord city
risks:detail                    | town adm city                 | town adm city
risks:attachment                | town adm city                 | town adm city
revocations:rule_edit           | city                          | city
revocations:case                | adm city                      | adm city
revocations:confirm             | -                             | city
revocations:dismiss             | -                             | city
revocations:plaque              | -                             | city
revocations:consent             | -                             | city
revocations:notice_pdf          | adm city                      | adm city
revocations:notice_docx         | adm city                      | adm city
revocations:propose             | adm city                      | adm city
incentives:measure              | adm city                      | adm city
incentives:measure_export       | adm city                      | adm city
incentives:measure_edit         | adm                           | adm
registry:credit_evaluation_new  | adm city                      | adm city
registry:red_list_entry_new     | adm city                      | adm city
registry:red_list_entry_end     | adm city                      | adm city
cultivation:target              | town adm coord city           | adm
training:detail                 | adm city                      | adm city
training:edit                   | adm city                      | adm city
training:material               | adm city                      | adm city
honours:edit                    | adm city                      | adm city
supervision:visit               | adm city                      | city
supervision:item                | adm city                      | adm
supervision:item_decide         | -                             | city
title_checks:round              | adm city                      | -
title_checks:check              | adm city                      | city
reports:target_edit             | adm city                      | adm city
reports:target_edit unit        | town adm city                 | town adm city
named_units:report_file         | rep                           | rep
named_units:report_detail       | rep town rev adm city         | rep town rev adm city
named_units:report_review       | -                             | adm
named_units:report_attachment   | rep town rev adm city         | rep town rev adm city
named_units:export_detail       | city                          | city
named_units:export_download     | city                          | city
reports:detail                  | adm city                      | adm city
reports:retry                   | -                             | adm city
reports:download                | adm city                      | adm city
reports:case_edit               | adm                           | adm
reports:case_publish            | -                             | adm
reports:public_case             | public                        | public
reports:duty_edit               | adm                           | adm
api:risk_event                  | token                         | token
accounts:identity_decide        | -                             | -
accounts:password_reset_confirm | public                        | public
accounts:user_password          | adm                           | adm
accounts:user_password staff    | city                          | city
accounts:user_reset_link        | -                             | adm
"""

# How each row fills its URL: argument → the world's object name, or a literal after "=".
ARGUMENTS = {
    "surveys:open": {"unit_id": "unit"}, "surveys:detail": {"pk": "survey"}, "surveys:poster": {"pk": "survey"},
    "surveys:codes": {"pk": "survey"}, "surveys:arrivals": {"pk": "survey"},
    "surveys:close": {"pk": "survey"}, "surveys:reopen": {"pk": "survey"}, "surveys:respond": {"token": "survey_token"},
    "registry:unit_detail": {"pk": "unit"}, "registry:unit_contact_reveal": {"pk": "unit"},
    "registry:unit_verify": {"pk": "pending_unit"},
    "registry:unit_reject": {"pk": "pending_unit"}, "registry:import_preview": {"pk": "import_batch"},
    "registry:registration_resubmit": {"pk": "unit"},
    "registry:import_confirm": {"pk": "import_batch"}, "enterprises:edit": {"pk": "unit"},
    "enterprises:uscc_confirm": {"pk": "unit"}, "parks:station_add": {"pk": "park"},
    "industries:members": {"pk": "industry"}, "coordinators:edit": {"pk": "coordinator"},
    "campaigns:edit": {"pk": "campaign"}, "campaigns:policy_detail": {"pk": "policy"},
    "campaigns:policy_edit": {"pk": "policy"}, "campaigns:policy_edit city": {"pk": "city_policy"},
    "assessments:unit_current": {"unit_id": "unit"},
    "surveys:standard_in_force_edit": {"pk": "standard_in_force"},
    "assessments:detail": {"pk": "application"},
    "assessments:history": {"pk": "application"},
    "assessments:answer_save": {"pk": "application", "criterion_id": "criterion"},
    "assessments:answer_from_survey": {"pk": "application", "criterion_id": "criterion"},
    "assessments:evidence_upload": {"pk": "application"},
    "assessments:evidence_download": {"pk": "application", "evidence_id": "evidence"},
    "assessments:evidence_withdraw": {"pk": "application", "evidence_id": "evidence"},
    "assessments:submit": {"pk": "application"}, "assessments:compare": {"pk": "application"},
    "assessments:pdf": {"pk": "application"}, "reviews:batch_detail": {"pk": "batch"},
    "assessments:on_behalf_start": {"unit_id": "unit"}, "titles:renew": {"pk": "recognition"},
    "reviews:photo": {"photo_id": "photo"},
    **{f"reviews:{name}": {"pk": "application"} for name in (
        "detail", "panel_form", "sheet", "decide", "precheck", "inspection_add", "evaluation_pdf", "evaluation_docx",
        "feedback",
        "send_back", "spot_check", "reopen")},
    "reviews:level_sheet": {"pk": "application", "level": "=township"},
    "reviews:level_sheet city": {"pk": "application", "level": "=city"},
    "notices:public_detail": {"pk": "notice"}, "notices:object": {"pk": "notice"},
    "notices:manage_detail": {"pk": "notice"}, "notices:name_all": {"pk": "notice"},
    "notices:handle": {"pk": "objection"},
    # The world's notice has named nobody, so its decision is refused to everyone (404); the decision's own
    # tests (tests/applications/notices/test_documents.py) open it after naming, and from the other side.
    **{f"notices:{name}": {"pk": "notice"} for name in ("notice_pdf", "notice_docx", "decision_pdf", "decision_docx")},
    **{f"revocations:{name}": {"pk": "confirmed_case"} for name in ("notice_pdf", "notice_docx")},
    "notices:province_record": {"pk": "province_decision"},
    "experts:edit": {"pk": "expert"}, "experts:draw_detail": {"pk": "expert_draw"},
    "experts:draw": {"pk": "application"}, "experts:decline": {"pk": "application"},
    "opinions:detail": {"pk": "consultation"}, "opinions:export": {"pk": "consultation"},
    "opinions:handle": {"pk": "department_opinion"}, "opinions:department_edit": {"pk": "department"},
    "opinions:answer": {"pk": "consultation_request"}, "recognitions:verify": {"number": "certificate"},
    "recognitions:detail": {"pk": "recognition"}, "recognitions:certificate": {"pk": "recognition"},
    "risks:detail": {"pk": "risk_event"}, "risks:attachment": {"pk": "risk_attachment"},
    "revocations:rule_edit": {"pk": "rule"},
    **{f"revocations:{name}": {"pk": "case"} for name in ("case", "confirm", "dismiss", "plaque", "consent")},
    "revocations:propose": {"recognition_pk": "recognition"},
    "incentives:measure": {"pk": "measure"}, "incentives:measure_export": {"pk": "measure"},
    "incentives:measure_edit": {"pk": "measure"}, "registry:credit_evaluation_new": {"pk": "unit"},
    "registry:red_list_entry_new": {"pk": "unit"},
    "registry:red_list_entry_end": {"pk": "unit", "entry_pk": "red_list_entry"},
    "cultivation:target": {"pk": "target"}, "supervision:visit": {"pk": "visit"},
    "supervision:item": {"pk": "rectification_item"}, "supervision:item_decide": {"pk": "rectification_item"},
    "title_checks:round": {"pk": "check_round"}, "title_checks:check": {"pk": "title_check"},
    "reports:target_edit": {"pk": "target_task"}, "reports:target_edit unit": {"pk": "unit_target_task"},
    "api:risk_event": {"external_id": "external_id"},
    "training:detail": {"pk": "training"}, "training:edit": {"pk": "training"},
    "training:material": {"pk": "training_material"}, "honours:edit": {"pk": "honour"},
    "named_units:report_file": {"recognition_id": "recognition"},
    "named_units:report_detail": {"pk": "yearly_report"}, "named_units:report_review": {"pk": "yearly_report"},
    "named_units:report_attachment": {"pk": "yearly_report"}, "named_units:export_detail": {"pk": "export"},
    "named_units:export_download": {"pk": "export"}, "reports:detail": {"pk": "annual_report"},
    "reports:retry": {"pk": "annual_report"}, "reports:download": {"pk": "annual_report", "fmt": "=pdf"},
    "reports:case_edit": {"pk": "typical_case"}, "reports:case_publish": {"pk": "typical_case"},
    "reports:public_case": {"pk": "public_case"}, "reports:duty_edit": {"policy_pk": "district_policy"},
    "accounts:identity_decide": {"pk": "identity"},
    "accounts:password_reset_confirm": {"uidb64": "=MQ", "token": "=set-password"},
    "accounts:user_password": {"pk": "rep_user"}, "accounts:user_password staff": {"pk": "county_admin_user"},
    "accounts:user_reset_link": {"pk": "rep_user"},
}

# The Django admin has its own staff/permission checks (and the URL-protection walk covers it):
# it is for system administrators only and is outside the portal's jurisdiction rules.
NOT_IN_MATRIX = ("admin:",)

ROLES = ("rep", "town", "hrss", "union", "conf", "fed", "adm", "coord", "dept", "city", "sys", "anon")
ALIASES = {"rev": ("hrss", "union", "conf", "fed")}


@dataclass(frozen=True)
class Row:
    label: str
    get: str
    post: str

    @property
    def url_name(self) -> str:
        return self.label.split()[0]


def _rows() -> list[Row]:
    lines = [line for line in MATRIX.strip().splitlines()[1:] if line.strip()]
    return [Row(*(cell.strip() for cell in line.split("|"))) for line in lines]


def _allowed(cell: str) -> set[str]:
    roles: set[str] = set()
    for word in cell.split():
        roles.update(ALIASES.get(word, (word,)))
    roles = {role.rstrip("*") for role in roles}
    unknown = roles - set(ROLES) - {"-", "shared"}
    assert not unknown, f"unknown role in the matrix: {unknown}"
    return roles - {"-", "shared"}


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response.headers.get("Location", "")


def judge(*, cell: str, role: str, own: bool, response) -> str | None:
    """What is wrong with ``response`` for this cell, or None when it is as the matrix says."""
    status = response.status_code
    if cell == "public":
        return None if status < 500 and status not in (401, 403, 404) and not _is_login_redirect(response) \
            else f"{status}, expected the public page"
    if cell == "token":
        return None if status in (401, 403) else f"{status}, expected 401 without an API token"
    if role == "anon":
        return None if _is_login_redirect(response) or status == 405 else f"{status}, expected the login page"
    everywhere = {word[:-1] for word in cell.split() if word.endswith("*")}
    if (own or "shared" in cell.split() or role in everywhere) and role in _allowed(cell):
        return None if status < 500 and status not in (401, 403, 404, 405) and not _is_login_redirect(response) \
            else f"{status}, expected to be let in"
    return None if status in (403, 404, 405) else f"{status}, expected 403/404"


def _path(row: Row, side) -> str:
    kwargs = {arg: (source[1:] if source.startswith("=") else side[source])
              for arg, source in ARGUMENTS[row.label].items()}
    return reverse(row.url_name, kwargs=kwargs)


def _request(rolled_back: RolledBackRequests, client: Client, method: str, path: str):
    cache.clear()  # rate limits are not under test here
    return rolled_back(client, method, path)


def routes(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """(qualified name, route) of every named pattern, as in ``url_protection.iter_patterns``."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, route, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", route


def object_url_names() -> set[str]:
    """URLs that take an argument naming an object (all of them but the Django admin's)."""
    return {name for name, route in routes()
            if not name.startswith(NOT_IN_MATRIX) and re.search(r"<\w|\(\?P<", route)}


def test_every_object_url_is_in_the_matrix():
    rows = {row.url_name for row in _rows()}
    assert object_url_names() - rows == set(), "object URLs without a row in MATRIX"
    assert rows - object_url_names() == set(), "MATRIX rows for URLs that no longer exist"
    assert {row.label for row in _rows()} == set(ARGUMENTS)


def test_the_guard_notices_a_new_object_url(settings):
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    from hlr_portal import urls as real_urls

    class UrlconfWithNewObjectPage:
        urlpatterns = [*real_urls.urlpatterns,
                       path("things/<int:pk>/", lambda request, pk: HttpResponse(), name="new_thing")]

    settings.ROOT_URLCONF = UrlconfWithNewObjectPage
    clear_url_caches()
    try:
        assert "new_thing" in object_url_names()
    finally:
        clear_url_caches()


def test_judge_flags_a_view_that_shows_another_countys_object():
    from django.http import HttpResponse

    assert judge(cell="adm city", role="adm", own=False, response=HttpResponse()) == "200, expected 403/404"
    assert judge(cell="adm city", role="rep", own=True, response=HttpResponse()) == "200, expected 403/404"
    assert judge(cell="adm city", role="adm", own=True, response=HttpResponse(status=404)) is not None
    assert judge(cell="adm city", role="adm", own=True, response=HttpResponse()) is None


@pytest.fixture
def clients(shared_world, walk_settings) -> dict[str, Client]:
    """A client of each column, logged in (``rolled_back`` keeps each as it was from request to request)."""
    cast = shared_world.cast
    return logged_in_clients({
        "rep": cast.rep_a, "town": cast.township_staff_x, "hrss": cast.reviewers_x["hrss"],
        "union": cast.reviewers_x["union"], "conf": cast.reviewers_x["confederation"],
        "fed": cast.reviewers_x["federation"], "adm": cast.county_admin_x, "coord": cast.coordinator_x,
        "dept": cast.department_staff, "city": cast.city_admin, "sys": cast.system_admin, "anon": None,
    })


@pytest.fixture
def quick_pdfs(quick_documents):
    # Who may fetch a PDF is under test here, not its layout (each PDF has its own tests): WeasyPrint's
    # layout step, about a second per document, returns a fixed PDF so ~50 allowed PDF requests stay quick.
    return quick_documents


ACROSS = {role: {"city": "Z", "dept": "Z", "town": "W"}.get(role, "Y") for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_only_its_own_jurisdictions_objects(shared_world, clients, quick_pdfs, rolled_back, role):
    """Each column of the matrix (a test each, so that the two workers share the walk): every row, both methods,
    its own side and the side across its border."""
    problems = []
    for row in _rows():
        for method, cell in (("get", row.get), ("post", row.post)):
            for own, side in ((True, "X"), (False, ACROSS[role])):
                try:
                    path = _path(row, shared_world[side])
                except NoReverseMatch as error:  # pragma: no cover - a broken ARGUMENTS entry
                    problems.append(f"{row.label}: {error}")
                    continue
                response = _request(rolled_back, clients[role], method, path)
                wrong = judge(cell=cell, role=role, own=own, response=response)
                if wrong:
                    where = "own" if own else "other"
                    problems.append(f"{row.label:32} {method.upper():4} {role:6} {where:5} {path}: {wrong}")
    assert problems == [], "access matrix mismatches:\n" + "\n".join(problems)


def test_the_admin_object_pages_are_closed_to_every_portal_role(client, shared_world):
    """The rows left out of the matrix: the Django admin answers only staff accounts, whatever the role."""
    cast = shared_world.cast
    change = f"/admin/registry/unit/{cast.unit_a.pk}/change/"
    for user in [cast.rep_a, cast.township_staff_x, *cast.reviewers_x.values(), cast.county_admin_x,
                 cast.coordinator_x, cast.city_admin, cast.system_admin]:
        client.force_login(user)
        for method in ("get", "post"):
            response = getattr(client, method)(change)
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), user


# Users who hold two memberships: each is one of the cast (whose single role the matrix above describes),
# given a second membership. What they may open is the union of what each membership grants on its own
# side, never one membership's role with the other's jurisdiction. (column, side) names each membership.
COMBINED = {
    "coordinator X + rep of unit A": ("coord", "X", ("rep", "X")),
    "coordinator X + rep of unit B": ("coord", "X", ("rep", "Y")),
    "reviewer X + rep of unit B": ("hrss", "X", ("rep", "Y")),
    "township staff X + rep of unit B": ("town", "X", ("rep", "Y")),
    "township staff X + rep of unit W": ("town", "X", ("rep", "W")),
    "township staff X + coordinator X": ("town", "X", ("coord", "X")),
    "reviewer Y + county admin X": ("hrss", "Y", ("adm", "X")),
    "rep of unit A + county admin Y": ("rep", "X", ("adm", "Y")),
    "rep of unit A + city admin 枣庄": ("rep", "X", ("city", "Z")),
    "township staff X + city admin 枣庄": ("town", "X", ("city", "Z")),
}
# Rows open to one person, not to a role: an import batch to the county admin who uploaded it. A second
# membership never opens them.
PERSONAL_ROWS = {"registry:import_preview", "registry:import_confirm"}


def covers(column: str, home: str) -> set[str]:
    """The sides of the world whose objects lie inside a membership of ``column`` held on side ``home``."""
    if column in ("rep", "town"):
        return {home}
    if column == "city":
        return {"X", "Y", "W"} if home != "Z" else {"Z"}
    return {"X", "W"} if home in ("X", "W") else {home}  # county roles: W is in county X


def _sides_for(column: str, side: str, extra: tuple[str, str]) -> list[str]:
    """Every side either membership covers, and one that neither does."""
    inside = covers(column, side) | covers(*extra)
    return sorted(inside) + [next(s for s in ("Y", "W", "Z", "X") if s not in inside)]


def judge_combined(*, cell: str, grants: list[tuple[str, str]], side: str, response) -> str | None:
    if cell in ("public", "token"):
        return judge(cell=cell, role="rep", own=True, response=response)
    allowed = _allowed(cell)
    shared = "shared" in cell.split()
    letting_in = [column for column, home in grants if column in allowed and (shared or side in covers(column, home))]
    role = letting_in[0] if letting_in else grants[0][0]
    return judge(cell=cell, role=role, own=bool(letting_in), response=response)


def _combined_user(cast, regions, world, column: str, side: str, extra: tuple[str, str]):
    from apps.accounts.models import Party, Role
    from apps.registry.units.models import Unit

    from .factories import MembershipFactory

    base = {
        ("coord", "X"): cast.coordinator_x, ("hrss", "X"): cast.reviewers_x[Party.HRSS],
        ("town", "X"): cast.township_staff_x, ("adm", "X"): cast.county_admin_x, ("hrss", "Y"): cast.reviewer_y,
        ("rep", "X"): cast.rep_a,
    }[(column, side)]
    extra_column, extra_side = extra
    county = {"X": regions.county_x, "W": regions.county_x, "Y": regions.county_y, "Z": regions.other_county}
    grant = {
        "rep": {"role": Role.UNIT_REP, "unit": Unit.objects.get(pk=world[extra_side]["unit"])},
        "coord": {"role": Role.COORDINATOR, "region": county[extra_side]},
        "hrss": {"role": Role.COUNTY_REVIEWER, "region": county[extra_side], "party": Party.HRSS},
        "adm": {"role": Role.COUNTY_ADMIN, "region": county[extra_side]},
        "city": {"role": Role.CITY_ADMIN, "region": regions.other_city if extra_side == "Z" else regions.city},
    }[extra_column]
    MembershipFactory(user=base, **grant)
    return base


@pytest.mark.parametrize("name", COMBINED)
def test_combined_roles_see_the_union_of_their_memberships_never_more(shared_world, walk_settings, quick_pdfs,
                                                                    rolled_back, name):
    column, side, extra = COMBINED[name]
    # The second membership lives in this test's transaction (rolled back after it); the world stays as built.
    user = _combined_user(shared_world.cast, shared_world.regions, shared_world, column, side, extra)
    client = Client()
    client.force_login(user)
    problems = []
    for row in _rows():
        grants = [(column, side)] if row.label in PERSONAL_ROWS else [(column, side), extra]
        for method, cell in (("get", row.get), ("post", row.post)):
            for target in _sides_for(column, side, extra):
                path = _path(row, shared_world[target])
                response = _request(rolled_back, client, method, path)
                wrong = judge_combined(cell=cell, grants=grants, side=target, response=response)
                if wrong:
                    problems.append(f"{name:36} {row.label:32} {method.upper():4} {target} {path}: {wrong}")
    assert problems == [], "combined-role mismatches:\n" + "\n".join(problems)
