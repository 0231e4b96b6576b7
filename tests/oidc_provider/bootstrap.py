"""Create the provider's person and the portal's client: python -m django shell < bootstrap.py (env: see servers.py)."""

import os

from django.contrib.auth.models import User
from oidc_provider.models import Client, ResponseType

person = User.objects.create_user(os.environ["OIDC_PERSON"], email="zhang.wei@example.gov.cn",
                                  password=os.environ["OIDC_PERSON_PASSWORD"], first_name="伟", last_name="张")
client = Client.objects.create(
    name="HLR Portal", client_type="confidential", client_id=os.environ["OIDC_CLIENT_ID"],
    client_secret=os.environ["OIDC_CLIENT_SECRET"], jwt_alg="RS256", require_consent=False,
    _redirect_uris=os.environ["OIDC_REDIRECT_URI"], _scope="openid email profile phone")
client.response_types.add(ResponseType.objects.get(value="code"))
