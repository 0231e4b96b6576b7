"""The county queue and the city confirmation list page through their rows (one query reads a page and the total)."""

import pytest
from django.urls import reverse

from tests import list_rows as rows
from tests.list_rows import World

pytestmark = pytest.mark.django_db


def _shown(names: list[str], body: str) -> list[str]:
    return [name for name in names if name in body]


def test_county_queue_shows_fifty_rows_a_page_with_status_and_panel_progress(client, cast, regions):
    names = rows.queued_applications(World(cast, regions), 0, 53)
    client.force_login(cast.county_admin_x)
    first = client.get(reverse("reviews:queue")).content.decode()
    second = client.get(reverse("reviews:queue"), {"page": "2"}).content.decode()
    assert "第 1 / 2 页" in first and "第 2 / 2 页" in second
    assert len(_shown(names, first)) == 50
    assert _shown(names, second) == names[50:]
    assert "<td>已提交</td>" in first
    # Every other application has a panel of two with the union's sheet in.
    assert first.count("1 / 2</td>") == 25 and first.count("未组建评估组") == 25


def test_county_queue_filtered_by_status_keeps_the_filter_in_the_page_links(client, cast, regions):
    names = rows.queued_applications(World(cast, regions), 0, 51)
    client.force_login(cast.county_admin_x)
    body = client.get(reverse("reviews:queue"), {"status": "submitted"}).content.decode()
    assert "?status=submitted&page=2" in body and len(_shown(names, body)) == 50
    assert "暂无待评估的申报" in client.get(reverse("reviews:queue"), {"status": "city_returned"}).content.decode()


def test_city_list_shows_a_hundred_rows_a_page_with_score_and_grade(client, cast, regions):
    names = rows.approved_applications(World(cast, regions), 0, 102)
    client.force_login(cast.city_admin)
    first = client.get(reverse("reviews:city_list")).content.decode()
    last = client.get(reverse("reviews:city_list"), {"page": "9"}).content.decode()
    assert "第 1 / 2 页" in first and "第 2 / 2 页" in last
    assert len(_shown(names, first)) == 100 and len(_shown(names, last)) == 2
    assert "<td>88.00</td><td>AA</td>" in first
