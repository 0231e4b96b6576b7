"""A real CAS server for the tests: a second Django project running django-mama-cas (CAS 3.0 protocol).

It stands in for a provincial identity platform that speaks CAS. ``tests/servers.py`` starts it as its
own process on a free port with its own SQLite database.
"""
