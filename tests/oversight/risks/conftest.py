import pytest

from apps.oversight.risks.services import api_client_create
from tests.factories import EnterpriseFactory


@pytest.fixture
def enterprise_a(cast):
    """Unit A's enterprise profile, with a credit code the API can name it by."""
    return EnterpriseFactory(unit=cast.unit_a)


@pytest.fixture
def api_client_x(regions):
    """The county X labour-inspection system: may report on units of county X only."""
    client, token = api_client_create(name="尧都区劳动保障监察系统", source="yaodu-inspection", region=regions.county_x)
    client.token = token
    return client
