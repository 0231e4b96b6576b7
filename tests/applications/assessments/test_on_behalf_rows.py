"""The 帮办代办 list's rows are kept per unit (assessments/on_behalf_rows.py): each change a row shows drops it, and
which rows a viewer sees is read under their jurisdiction, never from the kept rows."""

from datetime import date

import pytest
from django.urls import reverse

from apps.applications.assessments.services import application_open, application_open_on_behalf, application_submit
from apps.registry.enterprises.models import SizeClass
from apps.registry.enterprises.services import EnterpriseData, enterprise_update
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

ON_BEHALF = reverse("assessments:on_behalf")


@pytest.fixture
def small(cast):
    """Unit A (county X, 解放路街道) is a small enterprise."""
    return EnterpriseFactory(unit=cast.unit_a, size=SizeClass.SMALL)


@pytest.fixture
def row(client, cast, small):
    """Unit A's row of the township office's list, kept by a first request."""
    client.force_login(cast.township_staff_x)

    def get() -> str:
        html = client.get(ON_BEHALF).content.decode()
        return html.split("<td>甲公司</td>")[1].split("</tr>")[0]

    assert "代为填报" in get()
    return get


def test_an_application_opened_on_behalf_shows_in_the_kept_row(cast, row, linfen_campaign, linfen_standard):
    application_open_on_behalf(unit=cast.unit_a, by=cast.township_staff_x, reason="企业无专职人员", today=date.today())
    assert "继续代办" in row() and "代办</span>" in row()


def test_a_status_change_shows_in_the_kept_row(cast, row, ready_application):
    assert "查看（企业自行填报）" in row() and "草稿" in row()
    application_submit(application=ready_application, by=cast.rep_a)
    assert "草稿" not in row()


def test_a_size_changed_shows_in_the_kept_row(cast, regions, small, row):
    assert "小型" in row()
    enterprise_update(enterprise=small, by=cast.county_admin_x, data=EnterpriseData(
        name="甲公司", uscc=small.uscc, region=regions.county_x, township=regions.township_x,
        profile={"size": SizeClass.MICRO}))
    assert "微型" in row()


def test_another_countys_staff_see_none_of_the_kept_rows(client, cast, row, linfen_campaign, linfen_standard):
    application_open(unit=cast.unit_a, by=cast.rep_a, today=date.today())
    assert "查看（企业自行填报）" in row()
    client.force_login(cast.county_admin_y)
    assert "甲公司" not in client.get(ON_BEHALF).content.decode()
