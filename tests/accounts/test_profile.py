"""Users keep their own e-mail address and phone up to date (14.12): where notifications and reset links go."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_user_sets_their_own_email_and_phone(client, cast):
    client.force_login(cast.rep_a)
    page = client.get("/accounts/profile/").content.decode()
    assert 'for="id_email"' in page and 'for="id_phone"' in page
    response = client.post("/accounts/profile/", {"full_name": "张三", "email": "zhang@example.cn",
                                                  "phone": "１３９１２３４５６７８"})
    assert response.status_code == 302
    cast.rep_a.refresh_from_db()
    assert (cast.rep_a.email, cast.rep_a.phone) == ("zhang@example.cn", "13912345678")


def test_a_landline_with_its_area_code_is_accepted(client, cast):
    client.force_login(cast.rep_a)
    client.post("/accounts/profile/", {"full_name": "张三", "email": "", "phone": "0357-2345678"})
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.phone == "0357-2345678"


def test_a_bad_phone_and_address_are_refused_at_the_field_and_what_was_typed_stays(client, cast):
    client.force_login(cast.rep_a)
    response = client.post("/accounts/profile/", {"full_name": "张三", "email": "zhang@", "phone": "12345"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "请填写正确的电话号码" in page and "请输入有效的电子邮箱地址" in page
    assert 'value="12345"' in page and 'value="zhang@"' in page and 'aria-invalid="true"' in page
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.phone == "" and cast.rep_a.email == ""


def test_the_profile_needs_a_login(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
