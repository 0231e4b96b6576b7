"""The cast built once per module (tests/fixtures/cast.py): which modules share it, and what each test gets."""

from types import SimpleNamespace

import pytest

from apps.accounts.models import User
from tests.fixtures.cast import _module_shares_cast


@pytest.mark.django_db
def test_a_test_gets_its_own_copy_of_the_module_cast(cast, regions, _module_cast):
    assert _module_cast is not None  # every test of this module that uses the database wants the cast
    built_regions, built = _module_cast
    assert cast.rep_a is not built.rep_a and regions.county_x is not built_regions.county_x
    assert (cast.rep_a.pk, cast.rep_a.username) == (built.rep_a.pk, built.rep_a.username)
    assert cast.unit_a.region is regions.county_x  # one copy: the cast's objects point at this test's regions
    cast.rep_a.full_name = "改过"
    cast.rep_a.save()
    assert built.rep_a.full_name != "改过"
    assert User.objects.get(pk=built.county_admin_x.pk).memberships.get().region_id == regions.county_x.pk


def _module(*tests):
    module = SimpleNamespace(obj=object())
    items = [SimpleNamespace(module=module.obj, fixturenames=list(names), get_closest_marker=lambda name, m=marker: m,
                             _fixtureinfo=SimpleNamespace(name2fixturedefs=wide))
             for names, marker, wide in tests]
    module.session = SimpleNamespace(items=[*items, SimpleNamespace(module=object())])
    return module


DB = SimpleNamespace(args=(), kwargs={})
TRANSACTION = SimpleNamespace(args=(), kwargs={"transaction": True})


def _wide(scope, *argnames):
    return {"built": [SimpleNamespace(scope=scope, argnames=argnames)]}


def test_a_module_shares_the_cast_only_when_every_database_test_can_nest_in_it():
    plain = (["db", "cast"], DB, {})
    assert _module_shares_cast(_module(plain, (["tmp_path"], None, {})))
    assert not _module_shares_cast(_module(plain, (["db", "regions"], DB, {})))  # would meet users it did not ask for
    assert not _module_shares_cast(_module(plain, (["transactional_db", "cast"], DB, {})))
    assert not _module_shares_cast(_module(plain, (["db", "cast"], TRANSACTION, {})))
    assert not _module_shares_cast(_module(plain, (["db", "cast", "built"], DB, _wide("module", "django_db_blocker"))))
    assert _module_shares_cast(_module(plain, (["db", "cast", "built"], DB, _wide("module", "tmp_path_factory"))))
