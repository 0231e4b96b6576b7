"""Where private files live is chosen by settings, strictly."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


def _check(**variables) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hlr_portal.settings.base", **variables}
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True)


@pytest.mark.parametrize(("variables", "message"), [
    ({"PRIVATE_STORAGE": "disk"}, "PRIVATE_STORAGE must be filesystem or s3, not 'disk'"),
    ({"PRIVATE_STORAGE": "s3"}, "PRIVATE_STORAGE=s3 needs S3_ENDPOINT_URL"),
])
def test_a_wrong_or_incomplete_storage_setting_stops_the_process_with_a_message(variables, message):
    result = _check(**variables)
    assert result.returncode != 0
    assert message in result.stderr


def test_object_storage_settings_that_are_complete_start():
    result = _check(PRIVATE_STORAGE="S3", S3_ENDPOINT_URL="http://127.0.0.1:9", S3_ACCESS_KEY="a", S3_SECRET_KEY="b")
    assert result.returncode == 0, result.stderr
