from pathlib import Path

from tests.stand_in_settings import stand_in

globals().update(stand_in(name="oidc_provider", app="oidc_provider", database_variable="OIDC_PROVIDER_DB",
                          templates=[Path(__file__).parent / "templates"]))
LOGIN_URL = "/accounts/login/"
OIDC_USERINFO = "tests.oidc_provider.claims.userinfo"
