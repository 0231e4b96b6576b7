import pytest


@pytest.fixture(autouse=True)
def _private_media(private_media):
    return private_media
