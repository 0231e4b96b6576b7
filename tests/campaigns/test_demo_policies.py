import pytest
from django.core.management import call_command

from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.campaigns.selectors import policy_for
from apps.regions.models import Region

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_five_localities_their_documents_policies(capsys, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent: one version per locality
    assert set(CampaignPolicy.objects.values_list("region__code", flat=True)) == {
        "141000", "370400", "420300", "220100", "120102"}
    assert CampaignPolicy.objects.count() == 5
    hedong = policy_for(region=Region.objects.get(code="120102"), year=2026)
    assert hedong.naming_level == NamingLevel.COUNTY
    assert hedong.title_for("enterprise") == "天津市河东区劳动关系和谐企业"
    assert [row["party"] for row in hedong.panel_parties] == ["hrss", "union", "sasac", "federation"]
    linfen = policy_for(region=Region.objects.get(code="141002"), year=2026)
    assert linfen.province_decides and "临人社发〔2023〕8号" in linfen.source_document
    # No document sets a validity or a satisfaction threshold: none is imposed.
    assert not CampaignPolicy.objects.filter(validity_years__isnull=False).exists()
    assert not CampaignPolicy.objects.filter(satisfaction_threshold__isnull=False).exists()
    assert "枣人社字〔2023〕34号" in capsys.readouterr().out
