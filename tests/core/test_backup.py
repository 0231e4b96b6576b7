import os
import subprocess

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def test_restore_drill_restores_the_same_rows_and_files(cast, tmp_path):
    media = tmp_path / "private"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "承诺书.pdf").write_bytes(b"%PDF-1.4 test evidence")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "PRIVATE_MEDIA_ROOT": str(media),
    }
    result = subprocess.run(
        ["scripts/restore_drill.sh"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "restore drill passed" in result.stdout
    assert "1 files identical" in result.stdout
