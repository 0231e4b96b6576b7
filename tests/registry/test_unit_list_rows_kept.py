"""The unit list's rows are kept per unit (registry/unit_rows.py): each change a row shows drops it, and which rows a
viewer sees is read under their jurisdiction, never from the kept rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.registry.enterprises.models import SizeClass
from apps.registry.enterprises.services import EnterpriseData, enterprise_update
from apps.registry.services import unit_verify
from apps.registry.units.models import VerificationStatus
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

LIST = reverse("registry:unit_list")


@pytest.fixture
def enterprise(cast):
    """甲公司 (county X), a small enterprise of 12 staff awaiting verification."""
    cast.unit_a.verification_status = VerificationStatus.PENDING
    cast.unit_a.save()
    return EnterpriseFactory(unit=cast.unit_a, size=SizeClass.SMALL, employee_count=12)


@pytest.fixture
def row(client, cast, enterprise):
    """甲公司's row of county X's admin's list, kept by a first request."""
    client.force_login(cast.county_admin_x)

    def get() -> str:
        html = client.get(LIST).content.decode()
        return html.split(f'<a href="/registry/units/{cast.unit_a.pk}/">')[1].split("</tr>")[0]

    assert "待核验" in get() and "12" in get()
    return get


def test_a_kept_page_reads_none_of_its_rows(client, cast, row):
    with CaptureQueriesContext(connection) as read:
        assert client.get(LIST).status_code == 200
    assert not [query["sql"] for query in read.captured_queries if '"registry_enterprise"' in query["sql"]]


def test_a_verification_shows_in_the_kept_row(cast, row):
    unit_verify(unit=cast.unit_a, by=cast.county_admin_x)
    assert "已核验" in row()


def test_an_edit_and_a_rename_show_in_the_kept_row(cast, regions, enterprise, row):
    enterprise_update(enterprise=enterprise, by=cast.county_admin_x, data=EnterpriseData(
        name="甲公司（更名）", uscc=enterprise.uscc, region=regions.county_x, township=regions.township_x,
        profile={"size": SizeClass.MICRO, "employee_count": 7}))
    assert "甲公司（更名）" in row() and "微型" in row() and "<td>7</td>" in row()


def test_a_unit_saved_without_a_service_shows_in_the_kept_row(cast, row):
    cast.unit_a.verification_status = VerificationStatus.REJECTED
    cast.unit_a.save()  # as the admin site saves it
    assert "已退回" in row()


def test_a_region_renamed_shows_in_the_kept_row(regions, row):
    regions.township_x.name = "解放路街道（新）"
    regions.township_x.save()
    assert "解放路街道（新）" in row()


def test_another_countys_admin_sees_none_of_the_kept_rows(client, cast, row):
    client.force_login(cast.county_admin_y)
    html = client.get(LIST).content.decode()
    assert "甲公司" not in html
    assert not re.search(rf'href="/registry/units/{cast.unit_a.pk}/"', html)
