"""A real OpenID Connect provider for the tests: a second Django project running django-oidc-provider.

It stands in for a provincial government identity platform (政务服务统一身份认证). ``tests/servers.py``
starts it as its own process on a free port with its own SQLite database.
"""
