"""Logins: a city admin per city, a county admin and four party reviewers per county, the bench reps.

All share one password (hashed once). The benchmark logs in as the bench
county's and bench city's staff, the representative of the sample
self-evaluation, and the representatives of the deadline-rush units.
"""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from apps.accounts.models import Membership, Party, Role, User

from .province import Province
from .registry import Registry

BENCH_PASSWORD = "Bench-2026-hlr"
PARTY_SLUGS = {Party.HRSS: "hrss", Party.UNION: "union", Party.CONFEDERATION: "conf", Party.FEDERATION: "fed"}


def city_admin_name(code: str) -> str:
    return f"scale_city_{code}"


def county_admin_name(code: str) -> str:
    return f"scale_county_{code}"


def reviewer_name(party: str, code: str) -> str:
    return f"scale_reviewer_{PARTY_SLUGS[party]}_{code}"


def rush_rep_name(n: int) -> str:
    return f"scale_rep_{n:03d}"


PAGE_REP = "scale_rep_page"


@dataclass
class People:
    city_admins: dict[int, int] = field(default_factory=dict)  # city region id → user id
    county_admins: dict[int, int] = field(default_factory=dict)  # county region id → user id
    reviewers: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # county id → [(user id, party)]


def people_build(*, province: Province, registry: Registry) -> People:
    password = make_password(BENCH_PASSWORD)
    now = timezone.now()
    users: list[User] = []
    grants: list[tuple[int, dict]] = []

    def login(username: str, full_name: str, **grant) -> None:
        users.append(User(username=username, password=password, full_name=full_name, date_joined=now))
        grants.append((len(users) - 1, grant))

    for city in province.cities:
        login(city_admin_name(city.code), f"{city.name}三方办公室", role=Role.CITY_ADMIN, region_id=city.pk)
    for county in province.counties:
        code = county.region.code
        login(county_admin_name(code), f"{county.region.name}三方办公室", role=Role.COUNTY_ADMIN,
              region_id=county.region.pk)
        for party in PARTY_SLUGS:
            login(reviewer_name(party, code), f"{county.region.name}评估人员（{party.label}）",
                  role=Role.COUNTY_REVIEWER, region_id=county.region.pk, party=party)
    for n, firm in enumerate(registry.rush_firms):
        login(rush_rep_name(n), f"演练填报人{n:03d}", role=Role.UNIT_REP, unit_id=firm.unit_id)
    login(PAGE_REP, "自评样例填报人", role=Role.UNIT_REP, unit_id=registry.page_firm.unit_id)

    created = User.objects.bulk_create(users)
    Membership.objects.bulk_create(Membership(user_id=created[index].pk, **grant) for index, grant in grants)
    people = People()
    for index, grant in grants:
        user_id = created[index].pk
        if grant["role"] == Role.CITY_ADMIN:
            people.city_admins[grant["region_id"]] = user_id
        elif grant["role"] == Role.COUNTY_ADMIN:
            people.county_admins[grant["region_id"]] = user_id
        elif grant["role"] == Role.COUNTY_REVIEWER:
            people.reviewers.setdefault(grant["region_id"], []).append((user_id, grant["party"]))
    return people
