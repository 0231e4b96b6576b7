"""The API answers every error in Chinese JSON, refuses hostile JSON with a 400, and its tokens expire and rotate."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from rest_framework.test import APIClient

from apps.oversight.risks.models import TOKEN_VALID_DAYS, RiskEvent
from apps.oversight.risks.services import api_client_token_rotate

pytestmark = pytest.mark.django_db
URL = "/api/v1/risk-events/"


def _client(token: str | None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _chinese_json(response, status: int, words: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert words in response.json()["detail"], response.json()


# --- errors in Chinese JSON ------------------------------------------------------------------------------------

def test_an_unknown_api_path_is_a_chinese_json_404(api_client_x):
    _chinese_json(_client(api_client_x.token).get("/api/v1/nothing-here/"), 404, "未找到")
    _chinese_json(_client(api_client_x.token).post("/api/v2/risk-events/", {}, format="json"), 404, "未找到")


def test_an_unknown_api_path_without_a_token_is_a_chinese_json_401():
    _chinese_json(_client(None).get("/api/v1/nothing-here/"), 401, "接口令牌")


def test_an_unknown_event_id_is_a_chinese_json_404(api_client_x):
    _chinese_json(_client(api_client_x.token).get(URL + "NO-SUCH-ID/"), 404, "未找到")


def test_a_wrong_method_is_a_chinese_json_405(api_client_x):
    _chinese_json(_client(api_client_x.token).delete(URL), 405, "不支持该请求方法")


def test_a_form_post_is_a_chinese_json_415(api_client_x):
    response = _client(api_client_x.token).post(URL, "a=1", content_type="application/x-www-form-urlencoded")
    _chinese_json(response, 415, "application/json")


@pytest.mark.parametrize("body", ["{not json", "[1, 2", '{"a": NaN}', '{"a": Infinity}', "\udcff"])
def test_unparsable_bodies_are_a_chinese_json_400(api_client_x, body):
    data = body.encode("utf-8", "surrogateescape")
    _chinese_json(_client(api_client_x.token).post(URL, data, content_type="application/json"), 400, "JSON")


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deeply_nested_json_is_a_chinese_400_not_a_500(api_client_x, depth):
    body = "[" * depth + "]" * depth
    response = _client(api_client_x.token).post(URL, body, content_type="application/json")
    _chinese_json(response, 400, "嵌套层级过深")
    assert RiskEvent.objects.count() == 0


def test_nested_values_in_fields_are_refused_per_field(api_client_x, enterprise_a):
    nested = {"a": [[[[{"b": [1]}]]]]}
    response = _client(api_client_x.token).post(URL, {
        "external_id": nested, "unit_uscc": enterprise_a.uscc, "kind": ["wage_arrears"], "occurred_on": nested,
        "severity": {"x": 1}, "description": [["拖欠"]],
    }, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"external_id", "kind", "occurred_on", "severity", "description"}


# --- tokens expire and rotate ----------------------------------------------------------------------------------

def test_a_new_token_expires_after_its_term(api_client_x, enterprise_a):
    assert _client(api_client_x.token).get(URL).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=TOKEN_VALID_DAYS, seconds=1)):
        response = _client(api_client_x.token).get(URL)
    _chinese_json(response, 401, "令牌已于")
    assert "过期" in response.json()["detail"]


def test_rotating_gives_a_working_token_and_the_old_one_stops(api_client_x):
    old = api_client_x.token
    new = api_client_token_rotate(client=api_client_x, valid_days=30)
    assert new != old
    _chinese_json(_client(old).get(URL), 401, "令牌无效")
    assert _client(new).get(URL).status_code == 200
    api_client_x.refresh_from_db()
    remaining = api_client_x.token_expires_at - timezone.now()
    assert datetime.timedelta(days=29) < remaining <= datetime.timedelta(days=30)


def test_rotation_refuses_an_unreasonable_term(api_client_x):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="1 到 1095 天"):
        api_client_token_rotate(client=api_client_x, valid_days=0)


def test_the_rotate_command_prints_the_new_token_once_and_lists_expiries(api_client_x):
    out = io.StringIO()
    call_command("api_token_rotate", api_client_x.source, "--days", "90", stdout=out)
    token = out.getvalue().splitlines()[1]
    assert _client(token).get(URL).status_code == 200
    assert _client(api_client_x.token).get(URL).status_code == 401
    listing = io.StringIO()
    call_command("api_token_rotate", stdout=listing)
    assert api_client_x.source in listing.getvalue() and "有效" in listing.getvalue()
    with pytest.raises(CommandError, match="没有来源代码"):
        call_command("api_token_rotate", "no-such-source")
