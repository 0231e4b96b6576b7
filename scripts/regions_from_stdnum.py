"""Write fixtures/regions/seed_cities.csv from python-stdnum's county-level list.

stdnum/cn/loc.dat lists every GB/T 2260 code with its years of validity
("[1984-]铁岭市", "[1992-2018]莱芜市"); only entries still valid are kept.
Townships are appended from fixtures/regions/townships.csv, whose names are
real and whose 9-digit codes are left empty where they could not be confirmed.

    python scripts/regions_from_stdnum.py > fixtures/regions/seed_cities.csv
"""

import csv
import re
import sys
from pathlib import Path

import stdnum.cn

# City code → province code for the seed cities; 天津市 is a province-level
# municipality and is stored as a city without a parent.
SEED_CITIES = {"141000": "140000", "370400": "370000", "420300": "420000", "220100": "220000", "120000": None}


def current_names() -> dict[str, str]:
    names: dict[str, str] = {}
    province = ""
    loc = Path(stdnum.cn.__file__).parent / "loc.dat"
    for line in loc.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province, rest = line.split(" ", 1)
            names[province + "0000"] = re.search(r'province="(.*)"', rest).group(1)
            continue
        suffix, rest = line.strip().split(" ", 1)
        current = None
        for entry in re.search(r'county="(.*)"', rest).group(1).split(","):
            dated = re.match(r"\[(\d*)-(\d*)\](.*)", entry)
            if dated is None:
                current = entry
            elif not dated.group(2):
                current = dated.group(3)
        if current:
            names[province + suffix] = current
    return names


def main() -> None:
    names = current_names()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent_code"])
    for city, province in SEED_CITIES.items():
        if province:
            writer.writerow([province, names[province], "province", ""])
        writer.writerow([city, names[city], "city", province or ""])
        prefix = city[:4] if province else city[:2]
        for code in sorted(names):
            is_county = code.startswith(prefix) and code != city and not code.endswith("00")
            if is_county and names[code] != "市辖区":
                writer.writerow([code, names[code], "county", city])
    townships = Path(__file__).resolve().parent.parent / "fixtures" / "regions" / "townships.csv"
    with open(townships, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            writer.writerow([row["code"], row["name"], "township", row["parent_code"]])


if __name__ == "__main__":
    main()
