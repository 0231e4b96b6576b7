import pytest
from django.urls import reverse

from apps.accounts.models import Party
from apps.registry.industries.models import IndustryBody
from apps.registry.industries.services import industry_body_create
from tests.factories import EnterpriseFactory
from tests.registry.helpers import code

pytestmark = pytest.mark.django_db


def test_admin_creates_a_supply_chain_and_sets_its_members(client, cast, regions):
    EnterpriseFactory(unit=cast.unit_a, uscc=code(1))
    EnterpriseFactory(unit=cast.unit_b, uscc=code(2, "141021"))
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("industries:create"), {
        "name": "尧都区焦化产业链", "industry_kind": "chain", "region": regions.county_x.pk,
        "lead_body_type": "chain_leader", "lead_body_name": "某焦化集团（链长）", "pilot_year": 2024,
    })
    body = IndustryBody.objects.get()
    assert response.status_code == 302 and body.unit.kind == "industry" and body.pilot_year == 2024
    members = reverse("industries:members", args=[body.pk])
    response = client.post(members, {"codes": f"{code(1)}\n{code(2, '141021')}"})
    assert response.status_code == 400 and code(2, "141021") in response.content.decode()
    assert body.members.count() == 0  # nothing changed: the county Y enterprise is outside the jurisdiction
    assert client.post(members, {"codes": f" {code(1).lower()} \n"}).status_code == 302
    assert list(body.members.values_list("uscc", flat=True)) == [code(1)]
    html = client.get(reverse("registry:unit_detail", args=[body.pk])).content.decode()
    assert "产业链·供应链" in html and "龙头企业（链长）" in html and "甲公司" in html


def test_other_county_gets_404_and_reviewer_403(client, cast, regions):
    body = industry_body_create(name="某行业", region=regions.county_x, industry_kind="industry",
                                lead_body_type="association", lead_body_name="某协会", pilot_year=None, by=None)
    url = reverse("industries:members", args=[body.pk])
    client.force_login(cast.county_admin_y)
    assert client.get(url).status_code == 404
    client.force_login(cast.reviewers_x[Party.HRSS])
    assert client.get(url).status_code == 403
    assert client.get(reverse("industries:create")).status_code == 403
