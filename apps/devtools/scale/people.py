"""Logins: a city admin per city; per county an admin, four party reviewers, a coordinator and the staff of
its first township; the bench reps.

All share one password (hashed once). The benchmark logs in as the bench
county's and bench city's staff, the representative of the sample
self-evaluation, and the representatives of the deadline-rush units.
"""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import Membership, Party, Role, User
from apps.accounts.two_factor import DEVICE_NAME
from apps.devtools.demo.experts import reviewer_full_name

from .province import Province
from .registry import Registry

BENCH_PASSWORD = "Bench-2026-hlr"
# The admins pass the second factor as real ones do: each has a confirmed authenticator with this key (hex, as
# django-otp stores it), and the benchmark computes its current code (bench/loadgen.py: Session.login).
BENCH_TOTP_KEY = "62656e63682d6f6e6c792d746f74702d6b657921"
PARTY_SLUGS = {Party.HRSS: "hrss", Party.UNION: "union", Party.CONFEDERATION: "conf", Party.FEDERATION: "fed"}


def city_admin_name(code: str) -> str:
    return f"scale_city_{code}"


def county_admin_name(code: str) -> str:
    return f"scale_county_{code}"


def reviewer_name(party: str, code: str) -> str:
    return f"scale_reviewer_{PARTY_SLUGS[party]}_{code}"


def township_staff_name(code: str) -> str:
    """The staff of the county's first township; ``code`` is the county's."""
    return f"scale_township_{code}"


def coordinator_name(code: str) -> str:
    return f"scale_coordinator_{code}"


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
            login(reviewer_name(party, code), reviewer_full_name(county.region.name, party),
                  role=Role.COUNTY_REVIEWER, region_id=county.region.pk, party=party)
        login(coordinator_name(code), f"{county.region.name}劳动关系协调员", role=Role.COORDINATOR,
              region_id=county.region.pk)
        township = county.townships[0]
        login(township_staff_name(code), f"{township.name}工作人员", role=Role.TOWNSHIP_STAFF, region_id=township.pk)
    for n, firm in enumerate(registry.rush_firms):
        login(rush_rep_name(n), f"演练填报人{n:03d}", role=Role.UNIT_REP, unit_id=firm.unit_id)
    login(PAGE_REP, "自评样例填报人", role=Role.UNIT_REP, unit_id=registry.page_firm.unit_id)

    created = User.objects.bulk_create(users)
    Membership.objects.bulk_create(Membership(user_id=created[index].pk, **grant) for index, grant in grants)
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user_id=created[index].pk, name=DEVICE_NAME, key=BENCH_TOTP_KEY, confirmed=True)
        for index, grant in grants if grant["role"] in (Role.CITY_ADMIN, Role.COUNTY_ADMIN))
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
