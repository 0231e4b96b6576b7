from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from apps.regions.models import Region, RegionLevel

pytestmark = pytest.mark.django_db

SEED_CSV = Path(settings.BASE_DIR) / "fixtures" / "regions" / "seed_cities.csv"


def test_seed_fixture_holds_every_county_of_the_seed_cities():
    call_command("import_regions", SEED_CSV)
    linfen = Region.objects.get(code="141000")
    counties = set(linfen.children.filter(level=RegionLevel.COUNTY).values_list("name", flat=True))
    assert len(counties) == 17 and {"尧都区", "侯马市", "霍州市"} <= counties
    assert Region.objects.get(code="370400").children.count() == 6  # 枣庄: 5 districts + 滕州市
    assert Region.objects.get(code="120102").name == "河东区"
    assert Region.objects.get(code="120102").parent.name == "天津市"
    assert not Region.objects.filter(name="市辖区").exists()
    hedong_streets = Region.objects.get(code="120102").children.all()
    assert hedong_streets.count() >= 10 and all(street.code == "" for street in hedong_streets)


def test_import_is_idempotent():
    call_command("import_regions", SEED_CSV)
    count = Region.objects.count()
    call_command("import_regions", SEED_CSV)
    assert Region.objects.count() == count


def test_subtree_query_uses_the_path(regions):
    assert set(Region.objects.within(regions.city).values_list("name", flat=True)) == {
        "临汾市", "尧都区", "解放路街道", "曲沃县",
    }


def test_bad_csv_names_the_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.csv"
    rows = "code,name,level,parent_code\n610000,陕西省,province,\n610100,西安市,city,999999\n"
    bad.write_text(rows, encoding="utf-8")
    with pytest.raises(CommandError, match="第 3 行：上级代码 999999 不存在"):
        call_command("import_regions", bad)
    assert not Region.objects.filter(code="610000").exists()


def test_unknown_level_is_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,level,parent_code\n610000,陕西省,国家,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="层级“国家”无效"):
        call_command("import_regions", bad)
