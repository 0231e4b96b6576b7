"""The review and revocation fixtures, shared with the audit tests."""

from tests.applications.reviews.conftest import application, campaign, standard  # noqa: F401
from tests.oversight.revocations.conftest import major_rule, title_a  # noqa: F401
