import os
import re
import subprocess
import sys

import yaml
from django.conf import settings


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # set only for browser tests
        "DJANGO_SETTINGS_MODULE": "hlr_portal.settings.production",
        "SECRET_KEY": "x" * 30 + "-not-a-real-production-key-0123456789",
        "ALLOWED_HOSTS": "hlr.example.gov.cn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "hlr_portal.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_compose_file_deploys_every_service_from_one_image():
    compose = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    app_services = [services[name] for name in ("web", "worker", "beat", "migrate")]
    assert all(service["build"] == "." and service["image"] == "hlr-portal:latest" for service in app_services)
    assert "celery" in services["worker"]["command"] and "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    env = services["web"]["environment"]
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"} <= set(env)


def test_responses_carry_security_headers(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_template_loads_anything_from_another_host():
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", 'href="http', "href='http", "src=\"//", "@import url(http"):
            assert marker not in text, f"{path} loads a remote resource"


def test_no_template_uses_inline_script_that_the_csp_would_block():
    inline_handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    inline_script = re.compile(r"<script(?![^>]*\b(src|nonce)=)[^>]*>", re.IGNORECASE)
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not inline_handler.search(text), f"{path} has an inline event handler"
        assert not inline_script.search(text), f"{path} has an inline <script> without a nonce"


def _demo_runserver_address(tmp_path, **env) -> str:
    """What scripts/run_demo.sh hands to runserver; a stand-in Python records the calls instead of running them."""
    calls = tmp_path / "calls.txt"
    stand_in = tmp_path / "python"
    stand_in.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    stand_in.chmod(0o755)
    environment = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "HOST", "PORT")}
    result = subprocess.run(["bash", "scripts/run_demo.sh"], cwd=settings.BASE_DIR, capture_output=True, text=True,
                            env={**environment, "PY": str(stand_in), **env}, timeout=60)
    assert result.returncode == 0, result.stderr
    runserver = [line for line in calls.read_text().splitlines() if "runserver" in line]
    assert len(runserver) == 1
    return runserver[0].split()[-1]


def test_make_demo_listens_on_this_machine_only_unless_told(tmp_path):
    assert _demo_runserver_address(tmp_path) == "127.0.0.1:8000"


def test_make_demo_listens_where_host_and_port_say(tmp_path):
    assert _demo_runserver_address(tmp_path, HOST="0.0.0.0", PORT="8123") == "0.0.0.0:8123"
