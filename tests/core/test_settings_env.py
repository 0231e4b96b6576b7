"""Every setting read from the environment is read strictly, through hlr_portal/env.py."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings


def _check(**variables) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hlr_portal.settings.base", **variables}
    return subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True)


@pytest.mark.parametrize(("variables", "message"), [
    ({"DB_CONN_MAX_AGE": "1m"}, "DB_CONN_MAX_AGE='1m' is not a whole number."),
    ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not 'verbose'"),
    ({"YEARLY_REPORT_DUE": "11/30"}, "YEARLY_REPORT_DUE='11/30' must be a month-day such as 11-30."),
    ({"YEARLY_REPORT_DUE": "02-30"}, "YEARLY_REPORT_DUE='02-30' is not a day of the year."),
])
def test_a_typo_in_a_setting_stops_the_process_with_a_message(variables, message):
    result = _check(**variables)
    assert result.returncode != 0
    assert message in result.stderr


def test_settings_and_apps_read_the_environment_only_through_hlr_portal_env():
    base = Path(settings.BASE_DIR)
    readers = [
        f"{path.relative_to(base)}:{number}"
        for folder in ("hlr_portal", "apps")
        for path in sorted((base / folder).rglob("*.py"))
        if path.name != "env.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"os\.environ(?!\.setdefault\(\"DJANGO_SETTINGS_MODULE\")|os\.getenv", line)
    ]
    assert readers == []
