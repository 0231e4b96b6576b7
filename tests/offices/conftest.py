import pytest

from apps.registry.coordinators.models import Coordinator


@pytest.fixture(autouse=True)
def _private_files(private_media):
    """Materials go to this test's own folder."""


@pytest.fixture
def coordinators(regions):
    """Two coordinators of county X's ledger and one of county Y's."""
    return {
        "wang": Coordinator.objects.create(full_name="王协调", region=regions.county_x, certificate_number="LR-1",
                                           certificate_level="3"),
        "li": Coordinator.objects.create(full_name="李协调", region=regions.county_x),
        "zhao": Coordinator.objects.create(full_name="赵协调", region=regions.county_y),
    }
