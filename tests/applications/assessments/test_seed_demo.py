import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.applications.assessments.models import Application
from apps.campaigns.models import CampaignYear
from apps.registry.units.models import Unit
from apps.standards.models import Standard
from apps.surveys.models import StandardInForce

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_standards_and_opens_this_years_self_evaluation(client):
    call_command("seed_demo")
    today = timezone.localdate()
    campaign = CampaignYear.objects.get(city__code="141000", year=today.year)
    assert campaign.self_evaluation_opens <= today <= campaign.self_evaluation_closes
    assert Standard.objects.filter(code="LF-ENT").exists()

    unit = Unit.objects.get(name="尧都区演示企业有限公司")
    client.post("/accounts/login/", {"username": "rep_141002", "password": "Demo-2026-hlr"})
    response = client.post(f"/applications/unit/{unit.pk}/current/")
    application = Application.objects.get(unit=unit)
    assert response["Location"] == f"/applications/{application.pk}/"
    assert application.standard.code == "LF-ENT"

    call_command("seed_demo")  # again, with an application using the standard: still fine
    assert Standard.objects.filter(code="LF-ENT").count() == 1


def test_seed_demo_chooses_each_localitys_own_standard_and_none_where_its_document_names_none():
    call_command("seed_demo")
    chosen = {(row.region.code, row.unit_kind): row.standard for row in
              StandardInForce.objects.select_related("region", "standard")}
    assert chosen[("370400", "enterprise")].code == "DB37-T-4077-2020"
    assert chosen[("370400", "park")].code == "DB37-T-4076-2020"
    assert chosen[("370400", "township")].code == "DB37-T-4076-2020-TOWNSHIP"
    assert chosen[("120102", "enterprise")].code == "TJ-ENT-PLACEHOLDER"
    assert all(standard.code != "DEMO-ALL" for standard in chosen.values())
    assert all(standard.is_example for code, standard in chosen.items() if code[0] != "141000")
    assert not any(region.startswith(("4203", "2201")) for region, _kind in chosen)  # 十堰, 长春: none named
