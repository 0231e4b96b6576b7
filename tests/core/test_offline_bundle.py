"""The offline bundle installs on a machine that reaches no package index."""

import os
import re
import subprocess
import sys

from django.conf import settings


def _run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_the_offline_bundle_installs_into_a_fresh_virtualenv_without_a_package_index(tmp_path):
    bundle, target = tmp_path / "bundle", tmp_path / "portal"
    _run(["scripts/offline_bundle.sh", str(bundle)], cwd=settings.BASE_DIR, env={**os.environ, "PY": sys.executable})

    _run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=bundle)
    manifest = (bundle / "MANIFEST.txt").read_text()
    pinned = [line for line in (bundle / "requirements.txt").read_text().splitlines() if "==" in line]
    assert f"wheels: {len(pinned)}" in manifest
    assert "image:" in manifest
    assert "libmagic1" in (bundle / "debian-packages.txt").read_text()

    # No index, no find-links but the bundle's, and an index address that refuses connections.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env.update(PIP_INDEX_URL="http://127.0.0.1:9/simple", PYTHON=sys.executable)
    _run([str(bundle / "install.sh"), str(target)], env=env)

    python = target / ".venv" / "bin" / "python"
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    check = _run([str(python), "manage.py", "check"], cwd=target, env=env)
    assert "no issues" in check.stdout
    assert (target / "staticfiles" / "vendor").is_dir()
    installed = _run([str(python), "-m", "pip", "freeze"], env=env).stdout.splitlines()
    assert {_normalise(line) for line in pinned} <= {_normalise(line) for line in installed}


def _normalise(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", requirement.strip().lower())
