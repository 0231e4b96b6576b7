"""Create the CAS server's person: python -m django shell < bootstrap.py (env: see tests/servers.py)."""

import os

from django.contrib.auth.models import User

User.objects.create_user(os.environ["CAS_PERSON"], email="li.na@example.gov.cn",
                         password=os.environ["CAS_PERSON_PASSWORD"], first_name="娜", last_name="李")
