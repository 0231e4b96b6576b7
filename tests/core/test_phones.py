"""Telephone numbers: Chinese mobile or landline, with a Chinese message at the field."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.phones import phone_normalise
from apps.registry.coordinators.models import Coordinator
from tests.registry.helpers import signup_data


@pytest.mark.parametrize(("typed", "stored"), [
    ("13800000000", "13800000000"),
    ("138 0000 0000", "13800000000"),
    ("138-0000-0000", "13800000000"),
    ("+86 13800000000", "13800000000"),
    ("１３８００００００００", "13800000000"),
    ("0357-2345678", "0357-2345678"),
    ("0357－2345678", "0357-2345678"),
    ("03572345678", "0357-2345678"),
    ("010-12345678", "010-12345678"),
    ("（0357）2345678", "0357-2345678"),
    ("0357-2345678-801", "0357-2345678-801"),
    ("0357-2345678转801", "0357-2345678-801"),
])
def test_mobiles_and_landlines_are_accepted_and_stored_plainly(typed, stored):
    assert phone_normalise(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "12800000000", "1380000000", "138000000001", "357-2345678",
                                   "0357-23456", "0357-234567890", "电话13800000000", "abc"])
def test_anything_else_is_refused_with_a_chinese_message(typed):
    with pytest.raises(ValidationError, match="手机号 11 位"):
        phone_normalise(typed)


def test_a_mobile_only_field_refuses_a_landline():
    with pytest.raises(ValidationError, match="请填写 11 位手机号"):
        phone_normalise("0357-2345678", landline=False)


@pytest.mark.django_db
def test_sign_up_with_a_bad_phone_says_so_at_the_field_and_keeps_the_input(client, regions):
    html = client.post(reverse("registry:signup"), signup_data(
        regions, **{"a-phone": "1380000", "e-contact_phone": "0357-23"})).content.decode()
    assert "请填写 11 位手机号" in html and "固定电话为区号加号码" in html
    assert 'value="1380000"' in html and 'value="0357-23"' in html and 'aria-invalid="true"' in html


@pytest.mark.django_db
def test_a_coordinators_landline_is_stored_plainly(client, cast, regions):
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("coordinators:create"), {
        "full_name": "赵协调", "phone": "（0357）2345678 转 12", "region": regions.county_x.pk})
    assert response.status_code == 302
    assert Coordinator.objects.get().phone == "0357-2345678-12"
    response = client.post(reverse("coordinators:create"), {
        "full_name": "钱协调", "phone": "2345678", "region": regions.county_x.pk})
    assert response.status_code == 400 and "固定电话为区号加号码" in response.content.decode()
