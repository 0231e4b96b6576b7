"""Here ``application`` is unit A's draft self-evaluation on the 临汾 standard and ``campaign`` its year."""

import pytest


@pytest.fixture(autouse=True)
def _private_media(private_media):
    return private_media


@pytest.fixture
def campaign(linfen_campaign):
    return linfen_campaign


@pytest.fixture
def application(draft_application):
    return draft_application
