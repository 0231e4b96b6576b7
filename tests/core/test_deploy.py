import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "hlr_portal.settings.production",
    "SECRET_KEY": "x" * 30 + "-not-a-real-production-key-0123456789",
    "ALLOWED_HOSTS": "hlr.example.gov.cn",
    "EMAIL_HOST": "mail.example.gov.cn",
    "DEFAULT_FROM_EMAIL": "hlr-portal@example.gov.cn",
}
# Variables of the outer test run that would leak into the subprocess and blur what is tested.
NOT_PASSED_ON = {"DJANGO_ALLOW_ASYNC_UNSAFE", "HTTPS", "SECURE_SSL_REDIRECT", "DEBUG"} | {
    name for name in os.environ if name.startswith(("EMAIL_", "CELERY_TASK_"))
}


def production_env(**overrides: str | None) -> dict[str, str]:
    """The test run's environment (DATABASE_URL, REDIS_URL) plus production's required variables;
    an override of None removes the variable."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}
    env.update(PRODUCTION_ENV)
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def production_settings(names: list[str], **overrides: str | None) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh process, as a container would, and print ``names`` as JSON."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=production_env(**overrides),
                          capture_output=True, text=True)


def read(names: list[str], **overrides: str | None) -> dict:
    result = production_settings(names, **overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_production_settings():
    env = production_env()
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
    for service in app_services:
        assert service["env_file"] == ".env", "every variable of .env reaches web, worker, beat and migrate"
        assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"} <= set(service["environment"])
        assert not {"SECRET_KEY", "EMAIL_HOST", "ALLOWED_HOSTS"} & set(service["environment"]), \
            "a value set here would override .env"
    assert services["web"]["command"][:3] == ["gunicorn", "-c", "gunicorn.conf.py"]
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "-m", "hlr_portal.healthcheck", "web"]
    assert services["worker"]["healthcheck"]["test"][-1] == "worker"
    assert services["beat"]["healthcheck"]["test"][-1] == "beat"


def _compose_command() -> list[str] | None:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def _compose_config(command: list[str], folder, *, profile: str | None = None, env: str = "") -> dict:
    """``docker compose config`` of a copy of the deployment files with .env.example (plus ``env``) as .env."""
    shutil.copy(settings.BASE_DIR / "docker-compose.yml", folder)
    shutil.copytree(settings.BASE_DIR / "deploy", folder / "deploy")
    (folder / ".env").write_text((settings.BASE_DIR / ".env.example").read_text() + env)
    result = subprocess.run([*command, *(["--profile", profile] if profile else []), "config"], cwd=folder,
                            capture_output=True, text=True, env={"PATH": os.environ["PATH"], "HOME": str(folder)})
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)["services"]


def _mount(volume) -> tuple[str, str]:
    """(target, source) of a volume in either form `config` prints: "source:target:ro" or a mapping."""
    if isinstance(volume, str):
        source, target = volume.split(":")[:2]
        return target, source
    return volume["target"], volume["source"]


def test_the_multinode_profile_adds_nginx_pgbouncer_and_a_report_worker_in_front_of_replicas(tmp_path):
    command = _compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor Debian's docker-compose is installed")
    multinode = ("DB_HOST=pgbouncer\nDB_PORT=6432\nDATABASE_POOLER=transaction\nWEB_PORT=127.0.0.1:8001-8008\n"
                 "WORKER_QUEUES=celery\n")
    services = _compose_config(command, tmp_path, profile="multinode", env=multinode)
    assert {"nginx", "pgbouncer", "worker-reports"} <= set(services)
    assert all(services[name]["profiles"] == ["multinode"] for name in ("nginx", "pgbouncer", "worker-reports"))
    assert services["web"]["environment"]["DATABASE_URL"].endswith("@pgbouncer:6432/hlr")
    assert services["web"]["environment"]["DATABASE_POOLER"] == "transaction"
    assert services["web"]["ports"] in (["127.0.0.1:8001-8008:8000/tcp"],  # docker-compose 1.x
                                        [{"host_ip": "127.0.0.1", "published": "8001-8008", "target": 8000,
                                          "protocol": "tcp", "mode": "ingress"}])  # docker compose 2.x
    assert services["worker"]["command"][services["worker"]["command"].index("-Q") + 1] == "celery"
    assert services["worker-reports"]["command"][services["worker-reports"]["command"].index("-Q") + 1] == "reports"
    # nginx runs the same proxy settings as the drill (tests/reports/test_multinode_drill.py).
    mounts = dict(_mount(volume) for volume in services["nginx"]["volumes"])
    assert mounts["/etc/nginx/hlr/proxy.conf"].endswith("deploy/nginx/proxy.conf")
    assert "pool_mode = transaction" in (settings.BASE_DIR / "deploy/pgbouncer/pgbouncer.ini").read_text()


def test_compose_config_passes_and_every_variable_of_env_example_reaches_the_app_containers(tmp_path):
    command = _compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor Debian's docker-compose is installed")
    services = _compose_config(command, tmp_path)
    example = dict(
        line.split("=", 1) for line in (settings.BASE_DIR / ".env.example").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    assert {"EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
            "EMAIL_USE_SSL", "DEFAULT_FROM_EMAIL", "HTTPS", "SECRET_KEY"} <= set(example)
    for name in ("web", "worker", "beat", "migrate"):
        environment = services[name]["environment"]
        missing = set(example) - set(environment)
        assert not missing, f"{name} lacks {missing}"
        assert environment["EMAIL_HOST"] == "mail.example.gov.cn"


def _dockerignore_excludes(path: str) -> bool:
    """Docker's rule: the last matching pattern wins; ``!`` re-includes."""
    import fnmatch

    excluded = False
    for line in (settings.BASE_DIR / ".dockerignore").read_text().splitlines():
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        if fnmatch.fnmatch(path, pattern.lstrip("!")):
            excluded = not negate
    return excluded


def test_env_files_never_enter_the_image():
    for secret in (".env", ".env.production", ".env.local"):
        assert _dockerignore_excludes(secret), secret
    assert not _dockerignore_excludes(".env.example")
    assert not _dockerignore_excludes("gunicorn.conf.py")
    assert not _dockerignore_excludes("manage.py")


def test_production_settings_read_the_email_variables():
    values = read(
        ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
         "EMAIL_USE_SSL", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL"],
        EMAIL_HOST="smtp.intranet.gov.cn", EMAIL_PORT="587", EMAIL_HOST_USER="hlr", EMAIL_HOST_PASSWORD="s3cret",
        EMAIL_USE_TLS="true", DEFAULT_FROM_EMAIL="noreply@intranet.gov.cn",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "smtp.intranet.gov.cn",
        "EMAIL_PORT": 587, "EMAIL_HOST_USER": "hlr", "EMAIL_HOST_PASSWORD": "s3cret", "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False, "DEFAULT_FROM_EMAIL": "noreply@intranet.gov.cn",
        "SERVER_EMAIL": "noreply@intranet.gov.cn",
    }
    assert read(["EMAIL_USE_SSL", "EMAIL_PORT"], EMAIL_USE_SSL="yes", EMAIL_PORT="465") == {
        "EMAIL_USE_SSL": True, "EMAIL_PORT": 465}


@pytest.mark.parametrize(("name", "value"), [
    ("HTTPS", "ture"), ("EMAIL_USE_TLS", "Y"), ("DEBUG", "flase"), ("SECURE_SSL_REDIRECT", "enabled"),
])
def test_a_typo_in_a_boolean_stops_the_process_with_a_message(name, value):
    result = production_settings(["DEBUG"], **{name: value})
    assert result.returncode != 0
    assert f"{name}={value!r} is not a boolean: write true or false." in result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "EMAIL_HOST",
                                  "DEFAULT_FROM_EMAIL"])
def test_a_missing_production_variable_stops_the_process_with_a_message(name):
    result = production_settings(["DEBUG"], **{name: None})
    assert result.returncode != 0
    assert f"{name} must be set in production" in result.stderr


def test_bad_numbers_and_contradictions_stop_the_process():
    for overrides, message in (
        ({"EMAIL_PORT": "25a"}, "EMAIL_PORT='25a' is not a whole number."),
        ({"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"}, "Set only one of EMAIL_USE_TLS"),
        ({"CELERY_TASK_SOFT_TIME_LIMIT": "600", "CELERY_TASK_TIME_LIMIT": "600"}, "must be longer than"),
        ({"HTTPS": "false", "SECURE_SSL_REDIRECT": "true"}, "SECURE_SSL_REDIRECT=true needs HTTPS=true."),
    ):
        result = production_settings(["DEBUG"], **overrides)
        assert result.returncode != 0 and message in result.stderr, overrides


def test_secure_cookies_by_default_and_plain_http_only_when_chosen():
    names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"]
    assert read(names) == {"SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SECURE_SSL_REDIRECT": True,
                           "SECURE_HSTS_SECONDS": 31536000}
    assert read(names, HTTPS="false") == {"SESSION_COOKIE_SECURE": False, "CSRF_COOKIE_SECURE": False,
                                          "SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}


def test_celery_tasks_have_soft_and_hard_time_limits():
    from hlr_portal.celery import app

    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert read(["CELERY_TASK_SOFT_TIME_LIMIT", "CELERY_TASK_TIME_LIMIT"], CELERY_TASK_SOFT_TIME_LIMIT="900") == {
        "CELERY_TASK_SOFT_TIME_LIMIT": 900, "CELERY_TASK_TIME_LIMIT": 1200}


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
