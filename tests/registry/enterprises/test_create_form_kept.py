"""The staff's blank enterprise form is kept rendered per jurisdiction, chosen county and language
(enterprises/views.py, ``core.choices.kept_blank_form``); a form with what was typed is written each time."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def _form(client, user: User) -> tuple[str, int]:
    """The form's fields, and how many of the request's queries read the townships or parks it offers."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("enterprises:create")).content.decode()
    read = sum('"registry_park"' in q["sql"] or '"level" IN' in q["sql"] for q in queries.captured_queries)
    start = body.index('<form method="post" novalidate class="col-lg-8">')
    return body[start:body.index("</form>", start)], read


def test_the_blank_form_is_written_once_and_offers_the_admins_county(client, cast, regions):
    first, read = _form(client, cast.county_admin_x)
    assert read >= 1 and "解放路街道" in first and f'<option value="{regions.county_x.pk}" selected>' in first
    again, read = _form(client, cast.county_admin_x)
    assert read == 0 and _masked(again) == _masked(first)


def test_another_countys_admin_gets_its_own_county_and_townships(client, cast, regions):
    RegionFactory(name="乐昌镇", level="township", parent=regions.county_y)
    assert "解放路街道" in _form(client, cast.county_admin_x)[0]  # kept now
    other, _read = _form(client, cast.county_admin_y)
    assert "乐昌镇" in other and "解放路街道" not in other
    counties = re.search(r'<select name="region".*?</select>', other, re.S).group(0)
    assert f'<option value="{regions.county_y.pk}" selected>' in counties
    assert f'<option value="{regions.county_x.pk}"' not in counties


def test_each_language_keeps_its_own_form(client, cast):
    chinese = _form(client, cast.county_admin_x)[0]
    client.cookies["django_language"] = "en"
    english = _form(client, cast.county_admin_x)[0]
    assert "企业名称" in chinese and "企业名称" not in english and "Enterprise name" in english


def test_a_refused_form_keeps_what_was_typed_after_the_blank_one_was_kept(client, cast, regions):
    _form(client, cast.county_admin_x)  # kept now
    response = client.post(reverse("enterprises:create"), {"name": "龙城新材料有限公司", "uscc": "123",
                                                            "region": regions.county_x.pk, "employee_count": "88"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="龙城新材料有限公司"' in body and 'value="88"' in body and 'value="123"' in body


def _masked(form: str) -> str:
    """The form without its CSRF token (the kept markup holds none: the page writes it around the fields)."""
    start = form.index('name="csrfmiddlewaretoken" value="') + len('name="csrfmiddlewaretoken" value="')
    return form[:start] + form[form.index('"', start):]
