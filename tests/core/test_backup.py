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


def _env(media, **extra) -> dict:
    db = connection.settings_dict
    return {**os.environ, "PRIVATE_MEDIA_ROOT": str(media), **extra,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"}


def _run(script, *args, env):
    return subprocess.run([f"scripts/{script}", *map(str, args)], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=120)


def test_an_encrypted_backup_holds_no_plain_data_and_restores_only_with_its_key(cast, tmp_path):
    media = tmp_path / "private"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "承诺书.pdf").write_bytes(b"%PDF-1.4 secret evidence text")
    key = tmp_path / "backup.key"
    key.write_text("a-long-random-passphrase-kept-apart-from-the-backups")

    drill = _run("restore_drill.sh", env=_env(media, BACKUP_KEY_FILE=str(key)))
    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert "1 files identical" in drill.stdout

    backup = tmp_path / "backup"
    made = _run("backup.sh", backup, env=_env(media, BACKUP_KEY_FILE=str(key)))
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in backup.iterdir()) == ["SHA256SUMS", "database.dump.enc", "private_media.tar.gz.enc"]
    dump = (backup / "database.dump.enc").read_bytes()
    assert not dump.startswith(b"PGDMP") and cast.rep_a.username.encode() not in dump

    without_key = _run("restore.sh", backup, env=_env(tmp_path / "restored", BACKUP_KEY_FILE=""))
    assert without_key.returncode != 0 and "this backup is encrypted" in without_key.stderr
    wrong = tmp_path / "wrong.key"
    wrong.write_text("not-the-key")
    assert _run("restore.sh", backup, env=_env(tmp_path / "restored", BACKUP_KEY_FILE=str(wrong))).returncode != 0


def test_the_scheduled_backup_keeps_the_newest_complete_backups(cast, tmp_path):
    root = tmp_path / "backups"
    for name in ("2020-01-01T013000Z", "2020-01-02T013000Z"):
        (root / name).mkdir(parents=True)
        (root / name / "SHA256SUMS").write_text("")
    (root / "2019-12-31T013000Z").mkdir()  # an interrupted backup without checksums: neither counted nor removed

    result = _run("backup_rotate.sh", root, env=_env(tmp_path / "private", BACKUP_KEEP="2"))
    assert result.returncode == 0, result.stderr
    kept = sorted(p.name for p in root.iterdir())
    assert len(kept) == 3 and kept[:2] == ["2019-12-31T013000Z", "2020-01-02T013000Z"]
    assert (root / kept[2] / "database.dump").exists()
    assert "removed old backup" in result.stdout and "2020-01-01T013000Z" in result.stdout

    refused = _run("backup_rotate.sh", root, env=_env(tmp_path / "private", BACKUP_KEEP="zero"))
    assert refused.returncode != 0 and "BACKUP_KEEP must be a whole number" in refused.stderr
