"""The review and revocation fixtures, shared with the audit tests."""

from tests.reviews.conftest import application, campaign, standard  # noqa: F401
from tests.revocations.conftest import major_rule, title_a  # noqa: F401
