import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Party
from apps.registry.enterprises.models import Enterprise, IndustryClass
from apps.registry.models import UnitEvent, UnitEventAction
from apps.registry.units.models import Unit
from tests.factories import EnterpriseFactory

from .helpers import code

pytestmark = pytest.mark.django_db
LIST = reverse("registry:unit_list")


@pytest.fixture
def registry(cast):
    """Enterprise profiles for unit A (county X) and unit B (county Y), plus a few more in county X."""
    EnterpriseFactory(unit=cast.unit_a, uscc=code(1), size="large", credit_grade="A", employee_count=900,
                      industry=IndustryClass.objects.get(code="13"))
    EnterpriseFactory(unit=cast.unit_b, uscc=code(2, "141021"), size="small", credit_grade="B", employee_count=30)
    EnterpriseFactory(unit__name="丙制造有限公司", unit__region=cast.unit_a.region, uscc=code(3), size="small",
                      credit_grade="C", employee_count=50, industry=IndustryClass.objects.get(code="65"))
    return cast


def test_county_staff_list_only_their_county(client, registry):
    client.force_login(registry.reviewers_x[Party.HRSS])
    html = client.get(LIST).content.decode()
    assert "甲公司" in html and "丙制造有限公司" in html and "乙公司" not in html


def test_township_staff_see_only_their_township(client, registry):
    client.force_login(registry.township_staff_x)
    html = client.get(LIST).content.decode()
    assert "甲公司" in html and "丙制造有限公司" not in html


def test_city_admin_of_another_city_sees_nothing(client, registry):
    client.force_login(registry.city_admin_other)
    html = client.get(LIST).content.decode()
    assert "甲公司" not in html and "乙公司" not in html and "没有符合条件的单位" in html


@pytest.mark.parametrize("who", ["rep_a", "no_role", "system_admin"])
def test_non_staff_get_403(client, registry, who):
    client.force_login(getattr(registry, who))
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("registry:unit_export")).status_code == 403


def test_anonymous_is_sent_to_login(client, registry):
    assert "/accounts/login/" in client.get(LIST)["Location"]


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        ({"q": "丙制造"}, ["丙制造有限公司"], ["甲公司"]),
        ({"q": " " + code(1).lower()}, ["甲公司"], ["丙制造有限公司"]),
        ({"size": "large"}, ["甲公司"], ["丙制造有限公司"]),
        ({"credit_grade": "C"}, ["丙制造有限公司"], ["甲公司"]),
        ({"industry": "I"}, ["丙制造有限公司"], ["甲公司"]),  # section: 信息传输…
        ({"industry": "13"}, ["甲公司"], ["丙制造有限公司"]),
    ],
)
def test_search_and_filters(client, registry, params, expected, absent):
    params = dict(params)
    if "industry" in params:
        params["industry"] = IndustryClass.objects.get(code=params["industry"]).pk
    client.force_login(registry.city_admin)
    html = client.get(LIST, params).content.decode()
    for name in expected:
        assert name in html
    for name in absent:
        assert name not in html


def test_region_filter_and_sorting(client, registry):
    client.force_login(registry.city_admin)
    html = client.get(LIST, {"region": registry.unit_b.region.pk}).content.decode()
    assert "乙公司" in html and "甲公司" not in html
    html = client.get(LIST, {"sort": "-employees"}).content.decode()
    assert html.index("甲公司") < html.index("丙制造有限公司") < html.index("乙公司")
    html = client.get(LIST, {"sort": "employees"}).content.decode()
    assert html.index("乙公司") < html.index("丙制造有限公司") < html.index("甲公司")


def test_region_filter_cannot_reach_outside_the_jurisdiction(client, registry):
    client.force_login(registry.county_admin_x)
    html = client.get(LIST, {"region": registry.unit_b.region.pk}).content.decode()
    assert "乙公司" not in html


@pytest.mark.parametrize("rows", [5, 500])
def test_list_query_count_is_constant(client, cast, django_assert_max_num_queries, rows):
    units = Unit.objects.bulk_create(
        [Unit(kind="enterprise", name=f"批量{i:04d}有限公司", region=cast.unit_a.region) for i in range(rows)]
    )
    Enterprise.objects.bulk_create(
        [Enterprise(unit=u, uscc=code(5000 + i), size="small") for i, u in enumerate(units)]
    )
    client.force_login(cast.county_admin_x)
    with django_assert_max_num_queries(10):  # +1: the menu asks whether the county names (issue 18)
        response = client.get(LIST, {"size": "small", "sort": "-name"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == rows


def test_export_writes_the_filtered_list(client, registry):
    client.force_login(registry.county_admin_x)
    response = client.get(reverse("registry:unit_export"), {"size": "small"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("单位名称", "单位类型", "统一社会信用代码")
    assert [r[0] for r in rows[1:]] == ["丙制造有限公司"]
    assert rows[1][2] == code(3)


def test_detail_shows_history_and_other_county_gets_404(client, registry):
    client.force_login(registry.county_admin_x)
    url = reverse("registry:unit_detail", args=[registry.unit_a.pk])
    assert "甲公司" in client.get(url).content.decode()
    client.force_login(registry.county_admin_y)
    assert client.get(url).status_code == 404
    client.force_login(registry.rep_b)
    assert client.get(url).status_code == 404
    client.force_login(registry.rep_a)
    assert client.get(url).status_code == 200


def test_editing_records_who_changed_what(client, registry):
    client.force_login(registry.county_admin_x)
    url = reverse("enterprises:edit", args=[registry.unit_a.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(employee_count=950, credit_grade="B")
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    event = UnitEvent.objects.get(unit=registry.unit_a, action=UnitEventAction.UPDATED)
    assert event.actor == registry.county_admin_x
    assert event.changes["职工人数"] == ["900", "950"]
    assert event.changes["劳动保障诚信等级"] == ["A级", "B级"]
    html = client.get(reverse("registry:unit_detail", args=[registry.unit_a.pk])).content.decode()
    assert "900 → 950" in html


def test_editing_is_404_for_another_county_and_403_for_reviewers(client, registry):
    url = reverse("enterprises:edit", args=[registry.unit_a.pk])
    client.force_login(registry.county_admin_y)
    assert client.get(url).status_code == 404
    client.force_login(registry.reviewers_x[Party.HRSS])
    assert client.get(url).status_code == 403


def test_editing_an_enterprise_unit_without_its_enterprise_record_is_404_not_a_server_error(client, registry):
    bare = Unit.objects.create(kind=registry.unit_a.kind, name="无企业信息的单位", region=registry.unit_a.region)
    client.force_login(registry.county_admin_x)
    assert client.get(reverse("enterprises:edit", args=[bare.pk])).status_code == 404
    assert client.get(reverse("enterprises:edit", args=[registry.unit_a.pk])).status_code == 200


def test_check_digit_warning_is_shown_until_staff_confirm(client, registry):
    enterprise = registry.unit_a.enterprise
    Enterprise.objects.filter(pk=enterprise.pk).update(uscc_check_failed=True)
    detail = reverse("registry:unit_detail", args=[registry.unit_a.pk])
    client.force_login(registry.county_admin_y)
    assert client.post(reverse("enterprises:uscc_confirm", args=[enterprise.pk])).status_code == 404
    client.force_login(registry.county_admin_x)
    assert "校验码不符" in client.get(detail).content.decode()
    client.post(reverse("enterprises:uscc_confirm", args=[enterprise.pk]))
    enterprise.refresh_from_db()
    assert enterprise.uscc_confirmed_by == registry.county_admin_x and enterprise.uscc_confirmed_at
    assert "已核实，确认代码" not in client.get(detail).content.decode()


def test_admin_creates_a_verified_enterprise_in_their_county_only(client, registry):
    client.force_login(registry.county_admin_x)
    url = reverse("enterprises:create")
    data = {"name": "新录入有限公司", "uscc": code(77), "region": registry.unit_a.region.pk, "size": "micro"}
    assert client.post(url, data).status_code == 302
    assert Enterprise.objects.get(uscc=code(77)).unit.verification_status == "verified"
    data.update(uscc=code(78), region=registry.unit_b.region.pk)
    response = client.post(url, data)
    assert response.status_code == 400 and "选择一个有效的选项" in response.content.decode()
    assert not Enterprise.objects.filter(uscc=code(78)).exists()


def test_a_fragment_of_the_credit_code_finds_the_unit(client, registry):
    client.force_login(registry.county_admin_x)
    fragment = code(1)[11:17]  # from the middle: what a person can read off a blurred scan
    assert fragment not in code(3)
    html = client.get(LIST, {"q": fragment.lower()}).content.decode()
    assert "甲公司" in html and "丙制造有限公司" not in html
    client.force_login(registry.county_admin_y)
    assert "甲公司" not in client.get(LIST, {"q": fragment}).content.decode()
