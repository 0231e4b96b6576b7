"""The test suite: the development settings (seed_demo and seed_scale are tested too), plus what every test assumes.

The Celery worker processes some tests start load these settings too (DJANGO_SETTINGS_MODULE is inherited),
so tasks are made to run in-process in tests/conftest.py, for the test process alone.
"""

from .dev import *  # noqa: F403

# Hashing cost is not under test; the default PBKDF2 makes every fixture user slow.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Password expiry is tested in tests/accounts; elsewhere a test travelling months ahead would meet the renewal form.
PASSWORD_MAX_AGE_DAYS = 0
# Two-factor login is tested in tests/accounts; elsewhere admins are logged in with force_login alone.
OTP_REQUIRED_ROLES = []
