import datetime

import pytest
import time_machine
from django.urls import reverse

from apps.accounts.models import Party
from apps.registry.coordinators.models import Coordinator
from tests.factories import EnterpriseFactory
from tests.registry.helpers import code

pytestmark = pytest.mark.django_db


def _data(regions, **overrides):
    data = {"full_name": "赵协调", "phone": "13900000000", "region": regions.county_x.pk,
            "certificate_level": "3", "certificate_number": "LR-2024-001",
            "valid_from": "2024-01-01", "valid_until": "2027-12-31", "units_text": code(1)}
    data.update(overrides)
    return data


@time_machine.travel(datetime.datetime(2026, 5, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_enterprise_shows_whether_it_has_a_certified_coordinator(client, cast, regions):
    EnterpriseFactory(unit=cast.unit_a, uscc=code(1))
    detail = reverse("registry:unit_detail", args=[cast.unit_a.pk])
    client.force_login(cast.county_admin_x)
    assert "尚未配备持有效证书的劳动关系协调员" in client.get(detail).content.decode()
    assert client.post(reverse("coordinators:create"), _data(regions)).status_code == 302
    assert "已配备持有效证书的劳动关系协调员" in client.get(detail).content.decode()
    for coordinator in Coordinator.objects.all():  # saved, as every path that changes a certificate does
        coordinator.valid_until = datetime.date(2026, 4, 30)
        coordinator.save()
    assert "尚未配备持有效证书的劳动关系协调员" in client.get(detail).content.decode()


def test_bad_validity_and_unknown_units_are_reported_keeping_input(client, cast, regions):
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("coordinators:create"), _data(regions, valid_until="2023-01-01"))
    assert response.status_code == 400 and "不能早于有效期起" in response.content.decode()
    response = client.post(reverse("coordinators:create"), _data(regions, units_text="不存在的单位"))
    assert response.status_code == 400 and "不存在的单位" in response.content.decode()
    assert 'value="LR-2024-001"' in response.content.decode()
    assert not Coordinator.objects.exists()


def test_ledger_is_scoped_and_editing_outside_is_404(client, cast, regions):
    mine = Coordinator.objects.create(full_name="尧都协调员", region=regions.county_x)
    Coordinator.objects.create(full_name="曲沃协调员", region=regions.county_y)
    client.force_login(cast.reviewers_x[Party.HRSS])
    html = client.get(reverse("coordinators:list")).content.decode()
    assert "尧都协调员" in html and "曲沃协调员" not in html
    assert client.get(reverse("coordinators:edit", args=[mine.pk])).status_code == 403
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("coordinators:edit", args=[mine.pk])).status_code == 404
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("coordinators:edit", args=[mine.pk]),
                           _data(regions, full_name="尧都协调员", units_text=""))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.certificate_number == "LR-2024-001"
    client.force_login(cast.rep_a)
    assert client.get(reverse("coordinators:list")).status_code == 403


@pytest.mark.parametrize("rows", [5, 500])
def test_ledger_query_count_is_constant(client, cast, regions, django_assert_max_num_queries, rows):
    Coordinator.objects.bulk_create(
        [Coordinator(full_name=f"协调员{i:04d}", region=regions.county_x) for i in range(rows)]
    )
    client.force_login(cast.county_admin_x)
    with django_assert_max_num_queries(8):  # +1: the menu asks whether the county names (issue 18)
        response = client.get(reverse("coordinators:list"))
    assert response.context["page"].paginator.count == rows


def test_editing_only_the_phone_keeps_the_certificate_validity_and_is_audited(client, cast, regions):
    from auditlog.models import LogEntry

    from tests.browser_form import form_values

    EnterpriseFactory(unit=cast.unit_a, uscc=code(1))
    client.force_login(cast.county_admin_x)
    client.post(reverse("coordinators:create"), _data(regions))
    coordinator = Coordinator.objects.get()
    edit = reverse("coordinators:edit", args=[coordinator.pk])
    html = client.get(edit).content.decode()
    assert 'value="2024-01-01"' in html and 'value="2027-12-31"' in html
    values = form_values(html)
    values["phone"] = "0357-2345678"
    assert client.post(edit, values).status_code == 302
    coordinator.refresh_from_db()
    assert (coordinator.phone, coordinator.valid_from, coordinator.valid_until) == (
        "0357-2345678", datetime.date(2024, 1, 1), datetime.date(2027, 12, 31))
    entry = LogEntry.objects.get_for_object(coordinator).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == cast.county_admin_x
    assert entry.changes_dict == {"phone": ["13900000000", "0357-2345678"]}
    client.force_login(cast.city_admin)
    assert "劳动关系协调员" in client.get(reverse("audit:list"), {"kind": "registry.coordinator"}).content.decode()
