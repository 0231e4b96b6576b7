"""The fixed cast every test draws on.

Regions: 山西省 › 临汾市 › 尧都区 (county X, with 解放路街道) and 曲沃县
(county Y); 山东省 › 枣庄市 › 薛城区 (another city). Users: one per role in
county X, the same roles in county Y where a test needs "other county", a
city admin of 临汾市 and one of 枣庄市, unit reps of unit A (county X) and
unit B (county Y).
"""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from apps.accounts.models import Party, Role, User
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import Unit

from .factories import MembershipFactory, RegionFactory, UnitFactory, UserFactory

# Real servers started for the tests that need them (object storage).
pytest_plugins = ["tests.servers"]


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine or not settings.REDIS_URL:
        raise pytest.UsageError(
            "Tests run on real PostgreSQL and Redis: set DATABASE_URL=postgres://... and REDIS_URL=redis://... "
            "(`make test` sets both for the local services)."
        )
    _redis_database_of_this_worker()
    from hlr_portal.celery import app

    # Only the worker tests talk to a real worker; everything else runs tasks in-process. Set here, not in
    # settings/test.py: the worker processes those tests start load the test settings and must queue for real.
    app.conf.task_always_eager = True
    app.conf.broker_url = settings.CELERY_BROKER_URL


def _redis_database_of_this_worker() -> None:
    """Under pytest-xdist (``-n 2``) each worker its own Redis database: REDIS_URL's number, then the ones below.

    Every test clears the cache and rate limits, and the worker tests queue real tasks: sharing one
    database, a test on one worker would reset or take what a test on the other relies on. The
    PostgreSQL test database is already one per worker (pytest-django).
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return
    url = urlsplit(settings.REDIS_URL)
    database = int(url.path.strip("/") or 0) - int(worker[2:])
    if database < 0:
        raise pytest.UsageError(f"REDIS_URL's database number leaves no database for xdist worker {worker}")
    settings.REDIS_URL = urlunsplit(url._replace(path=f"/{database}"))
    settings.CACHES["default"]["LOCATION"] = settings.REDIS_URL
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    os.environ["REDIS_URL"] = settings.REDIS_URL  # for the processes the tests start


@pytest.fixture(autouse=True)
def _clean_state():
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield


@dataclass
class Regions:
    province: Region
    city: Region
    county_x: Region
    township_x: Region
    county_y: Region
    other_province: Region
    other_city: Region
    other_county: Region


@pytest.fixture
def regions(db) -> Regions:
    province = RegionFactory(name="山西省", code="140000", level=RegionLevel.PROVINCE)
    city = RegionFactory(name="临汾市", code="141000", level=RegionLevel.CITY, parent=province)
    county_x = RegionFactory(name="尧都区", code="141002", parent=city)
    township_x = RegionFactory(name="解放路街道", level=RegionLevel.TOWNSHIP, parent=county_x)
    county_y = RegionFactory(name="曲沃县", code="141021", parent=city)
    other_province = RegionFactory(name="山东省", code="370000", level=RegionLevel.PROVINCE)
    other_city = RegionFactory(name="枣庄市", code="370400", level=RegionLevel.CITY, parent=other_province)
    other_county = RegionFactory(name="薛城区", code="370403", parent=other_city)
    return Regions(province, city, county_x, township_x, county_y, other_province, other_city, other_county)


@dataclass
class Cast:
    unit_a: Unit
    unit_b: Unit
    rep_a: User
    rep_b: User
    reviewers_x: dict[str, User]
    reviewer_y: User
    county_admin_x: User
    county_admin_y: User
    township_staff_x: User
    coordinator_x: User
    city_admin: User
    city_admin_other: User
    system_admin: User
    security_admin: User
    audit_admin: User
    no_role: User

    def by_role(self) -> dict[str, User]:
        """One user per role, all in county X / 临汾市."""
        return {
            Role.UNIT_REP: self.rep_a,
            Role.TOWNSHIP_STAFF: self.township_staff_x,
            Role.COUNTY_REVIEWER: self.reviewers_x[Party.HRSS],
            Role.COUNTY_ADMIN: self.county_admin_x,
            Role.CITY_ADMIN: self.city_admin,
            Role.COORDINATOR: self.coordinator_x,
            Role.SYSTEM_ADMIN: self.system_admin,
            Role.SECURITY_ADMIN: self.security_admin,
            Role.AUDIT_ADMIN: self.audit_admin,
        }


def _member(username: str, **grant) -> User:
    return MembershipFactory(user=UserFactory(username=username), **grant).user


@pytest.fixture
def cast(regions: Regions) -> Cast:
    unit_a = UnitFactory(name="甲公司", region=regions.county_x, township=regions.township_x)
    unit_b = UnitFactory(name="乙公司", region=regions.county_y)
    return Cast(
        unit_a=unit_a,
        unit_b=unit_b,
        rep_a=_member("rep_a", role=Role.UNIT_REP, unit=unit_a),
        rep_b=_member("rep_b", role=Role.UNIT_REP, unit=unit_b),
        reviewers_x={
            party: _member(f"reviewer_{party}_x", role=Role.COUNTY_REVIEWER, region=regions.county_x, party=party)
            for party in Party
        },
        reviewer_y=_member("reviewer_y", role=Role.COUNTY_REVIEWER, region=regions.county_y, party=Party.HRSS),
        county_admin_x=_member("county_admin_x", role=Role.COUNTY_ADMIN, region=regions.county_x),
        county_admin_y=_member("county_admin_y", role=Role.COUNTY_ADMIN, region=regions.county_y),
        township_staff_x=_member("township_x", role=Role.TOWNSHIP_STAFF, region=regions.township_x),
        coordinator_x=_member("coordinator_x", role=Role.COORDINATOR, region=regions.county_x),
        city_admin=_member("city_admin", role=Role.CITY_ADMIN, region=regions.city),
        city_admin_other=_member("city_admin_other", role=Role.CITY_ADMIN, region=regions.other_city),
        system_admin=_member("sysadmin", role=Role.SYSTEM_ADMIN),
        security_admin=_member("secadmin", role=Role.SECURITY_ADMIN),
        audit_admin=_member("auditadmin", role=Role.AUDIT_ADMIN),
        no_role=UserFactory(username="nobody"),
    )
