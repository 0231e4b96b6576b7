import datetime
import json

import pytest
import schemathesis
from django.core import signals
from django.core.serializers.json import DjangoJSONEncoder
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error

from apps.oversight.risks.models import EntryChannel, RiskEvent

pytestmark = pytest.mark.django_db
URL = "/api/v1/risk-events/"


def _payload(enterprise, **overrides):
    body = {"external_id": "JC-2025-0001", "unit_uscc": enterprise.uscc, "kind": "wage_arrears",
            "occurred_on": "2025-03-02", "severity": 3, "source": "尧都区劳动保障监察大队",
            "description": "拖欠32名职工两个月工资"}
    return body | overrides


def _client(token: str | None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_posted_event_is_recorded_for_the_named_unit(api_client_x, enterprise_a):
    response = _client(api_client_x.token).post(URL, _payload(enterprise_a), format="json")
    assert response.status_code == 201
    event = RiskEvent.objects.get(pk=response.json()["id"])
    assert event.unit_id == enterprise_a.unit_id
    assert (event.channel, event.api_client, event.severity) == (EntryChannel.API, api_client_x, 3)


def test_a_repeated_post_returns_the_same_event_with_200(api_client_x, enterprise_a):
    client = _client(api_client_x.token)
    first = client.post(URL, _payload(enterprise_a), format="json")
    again = client.post(URL, _payload(enterprise_a, description="改过的描述"), format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert RiskEvent.objects.count() == 1
    assert client.get(f"{URL}JC-2025-0001/").json()["description"] == "拖欠32名职工两个月工资"


def test_two_sources_may_use_the_same_event_id(api_client_x, enterprise_a, regions):
    from apps.oversight.risks.services import api_client_create

    other, token = api_client_create(name="仲裁院系统", source="arbitration", region=regions.county_x)
    _client(api_client_x.token).post(URL, _payload(enterprise_a), format="json")
    assert _client(token).post(URL, _payload(enterprise_a), format="json").status_code == 201
    assert RiskEvent.objects.count() == 2


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_it_refuses_a_caller_without_a_valid_token(token, enterprise_a, api_client_x):
    response = _client(token).post(URL, _payload(enterprise_a), format="json")
    assert response.status_code == 401
    assert RiskEvent.objects.count() == 0


def test_a_deactivated_client_is_refused(api_client_x, enterprise_a):
    api_client_x.is_active = False
    api_client_x.save()
    response = _client(api_client_x.token).post(URL, _payload(enterprise_a), format="json")
    assert response.status_code == 401
    assert "停用" in response.json()["detail"]


def test_a_unit_outside_the_clients_region_is_refused(api_client_x, cast):
    from tests.factories import EnterpriseFactory

    enterprise_b = EnterpriseFactory(unit=cast.unit_b)  # county Y
    response = _client(api_client_x.token).post(URL, _payload(enterprise_b), format="json")
    assert response.status_code == 400
    assert response.json()["unit"] == ["在本接口的授权区域内找不到该单位。"]


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"kind": "earthquake"}, "kind", "不是合法选项"),
    ({"occurred_on": "2025-13-40"}, "occurred_on", "日期格式"),
    ({"occurred_on": (datetime.date.today() + datetime.timedelta(days=2)).isoformat()}, "occurred_on", "不能晚于今天"),
    ({"severity": 9}, "severity", "不是合法选项"),
    ({"external_id": "有空格 的编号"}, "external_id", "只能包含"),
    ({"description": ""}, "description", "不能为空"),
    ({"unit_id": 5}, "unit_uscc", "只提供一个"),
    ({"description": "含\x00空字符"}, "description", "空字符"),
    ({"severity": None}, "severity", "不能为 null"),
])
def test_bad_input_gets_a_400_naming_the_field_in_chinese(api_client_x, enterprise_a, overrides, field, words):
    response = _client(api_client_x.token).post(URL, _payload(enterprise_a, **overrides), format="json")
    assert response.status_code == 400
    assert words in "".join(response.json()[field])
    assert RiskEvent.objects.count() == 0


def test_malformed_json_gets_a_400(api_client_x):
    response = _client(api_client_x.token).post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "请求体不是有效的 JSON。"


def test_the_schema_is_published_and_names_the_token_scheme(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert "apiClientToken" in response.content.decode()


def _published_schema():
    """The schema /api/schema/ serves, built at collection; each operation then becomes its own test."""
    spec = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), cls=DjangoJSONEncoder))
    schema = schemathesis.openapi.from_dict(spec)
    schema.app = get_wsgi_application()
    return schema


fuzzed = _published_schema()


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: a raw WSGI call must not close the test's database connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@fuzzed.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_answer_500(case, api_client_x, enterprise_a, keep_test_connection):
    response = case.call(headers={"Authorization": f"Token {api_client_x.token}"})
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=[not_a_server_error])
