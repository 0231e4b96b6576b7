"""The synthetic province: 16 cities, ~150 counties, ~1,800 townships/streets.

Codes follow GB/T 2260's shape under the unused prefix 99, so they never
collide with real divisions loaded from fixtures/regions; townships get
nine-digit codes as GB/T 10114 gives them.
"""

from dataclasses import dataclass, field

from apps.regions.models import Region, RegionLevel

from .bulk import rng_for

PROVINCE_CODE = "990000"
PROVINCE_NAME = "基准省"
CITY_STEMS = ["安平", "北川", "长宁", "定远", "东阳", "丰泽", "广宁", "和平", "建安", "金川", "乐平", "临江",
              "明光", "南川", "青阳", "瑞安"]
PLACE_STEMS = ["城关", "新华", "清河", "永安", "兴隆", "太平", "长乐", "福田", "富民", "宁远", "白水", "石门",
               "桃源", "柳林", "松山", "云岭", "双桥", "龙泉", "凤凰", "望江", "三江", "平山", "临泉", "青山",
               "河口", "高阳", "沙河", "梅岭", "杏林", "红星", "金山", "银湖", "东关", "西关", "南关", "北关",
               "古城", "新城", "大营", "小店", "黄土", "红旗", "胜利", "光明", "团结", "朝阳", "向阳", "前进"]


@dataclass
class County:
    region: Region
    city: Region
    weight: float
    townships: list[Region] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.region.name[:-1]


@dataclass
class Province:
    region: Region
    cities: list[Region]
    counties: list[County]

    @property
    def bench_county(self) -> County:
        """The busiest county (first district of the first city): the one the benchmark logs into."""
        return self.counties[0]


def province_exists() -> bool:
    return Region.objects.filter(code=PROVINCE_CODE).exists()


def province_build(*, seed: int) -> Province:
    rng = rng_for(seed, "province")
    province = _create([Region(code=PROVINCE_CODE, name=PROVINCE_NAME, level=RegionLevel.PROVINCE)], None)[0]
    cities = _create([Region(code=f"99{n + 1:02d}00", name=f"{stem}市", level=RegionLevel.CITY, parent=province)
                      for n, stem in enumerate(CITY_STEMS)], province)
    counties: list[County] = []
    # Bigger cities first: a city's share of enterprises falls with its rank, as in a real province.
    city_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(cities))]
    for city, city_weight in zip(cities, city_weights, strict=True):
        stems = rng.sample(PLACE_STEMS, rng.randint(7, 12))
        rows = []
        for n, stem in enumerate(stems):
            suffix = "区" if n < 3 else "县"
            rows.append(Region(code=f"{city.code[:4]}{n + 1:02d}", name=f"{stem}{suffix}", level=RegionLevel.COUNTY,
                               parent=city))
        shares = [3.0] + [rng.lognormvariate(0, 0.5) for _ in stems[1:]]
        total = sum(shares)
        for region, share in zip(_create(rows, city), shares, strict=True):
            counties.append(County(region=region, city=city, weight=city_weight * share / total))
    township_rows = []
    for county in counties:
        is_district = county.region.name.endswith("区")
        for n, stem in enumerate(rng.sample(PLACE_STEMS, rng.randint(8, 15))):
            suffix = "街道" if is_district else ("镇" if n % 3 else "乡")
            township_rows.append(Region(code=f"{county.region.code}{n + 1:03d}", name=f"{stem}{suffix}",
                                        level=RegionLevel.TOWNSHIP, parent=county.region))
    townships = _create(township_rows, None)
    by_county = {county.region.pk: county for county in counties}
    for township in townships:
        by_county[township.parent_id].townships.append(township)
    return Province(region=province, cities=cities, counties=counties)


def _create(rows: list[Region], parent: Region | None) -> list[Region]:
    """bulk_create, then fill the materialised path now that the ids are known."""
    created = Region.objects.bulk_create(rows)
    for region in created:
        parent_path = region.parent.path if region.parent_id else ""
        region.path = f"{parent_path or '/'}{region.pk}/"
    Region.objects.bulk_update(created, ["path"])
    return created
