"""The deployment's health checks run against real processes: gunicorn with the production settings and
gunicorn.conf.py, a Celery worker and Celery beat, on the real test database and Redis."""

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import redis
import yaml
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from apps.core.health import BEAT_HEARTBEAT_KEY
from hlr_portal.celery import app

from .test_deploy import production_env

pytestmark = pytest.mark.django_db(transaction=True)

HOST = "hlr.example.gov.cn"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _process_env(**overrides: str) -> dict[str, str]:
    db = connection.settings_dict
    return production_env(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL, ALLOWED_HOSTS=HOST, DB_CONN_MAX_AGE="0", **overrides,
    )


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _compose_healthcheck(service: str) -> list[str]:
    """The service's healthcheck command exactly as docker-compose.yml has it, with this venv's python."""
    test = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())["services"][service]["healthcheck"]
    command = test["test"]
    assert command[0] == "CMD"
    return [sys.executable if part == "python" else part for part in command[1:]]


def _start_gunicorn(env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "hlr_portal.wsgi:application"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stdout.read().decode())
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", int(env["PORT"]))) == 0:
                return process
        time.sleep(0.3)
    _stop(process)
    raise AssertionError("gunicorn did not start")


def test_the_web_healthcheck_of_the_compose_file_passes_against_gunicorn_with_production_settings():
    port = str(_free_port())
    env = _process_env(PORT=port, GUNICORN_WORKERS="1")
    check = _compose_healthcheck("web")
    gunicorn = _start_gunicorn(env)
    try:
        result = subprocess.run(check, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        # Why the check sends a Host header: ALLOWED_HOSTS turns a bare request to 127.0.0.1 away.
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10)  # noqa: S310
        assert refused.value.code == 400
    finally:
        _stop(gunicorn)
    down = subprocess.run(check, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60)
    assert down.returncode == 1 and "web unhealthy" in down.stderr


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic as the Dockerfile runs it (the production storage needs its manifest to render pages)."""
    root = tmp_path_factory.mktemp("static")
    env = {**production_env(), "STATIC_ROOT": str(root)}
    result = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=settings.BASE_DIR,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return root


def _log_in(port: str, username: str, password: str) -> tuple[urllib.request.OpenerDirector, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    headers = {"Host": HOST}
    page = opener.open(urllib.request.Request(f"{base}/accounts/login/", headers=headers), timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=data.encode(), headers=headers), timeout=30)
    home = opener.open(urllib.request.Request(f"{base}/home/", headers=headers), timeout=30)
    return opener, home.geturl() + "\n" + home.read().decode()


def test_a_plain_http_install_logs_in_when_the_operator_chooses_https_false(static_root, cast):
    cast.rep_a.password = PBKDF2PasswordHasher().encode("intranet-pass-2026", "fixedsalt123")
    cast.rep_a.save(update_fields=["password"])
    port = str(_free_port())
    gunicorn = _start_gunicorn(_process_env(PORT=port, GUNICORN_WORKERS="1", HTTPS="false",
                                            STATIC_ROOT=str(static_root)))
    try:
        _opener, home = _log_in(port, "rep_a", "intranet-pass-2026")
    finally:
        _stop(gunicorn)
    assert "/home/" in home.splitlines()[0] and "退出" in home, "the session cookie works over http://"


@pytest.fixture
def heartbeat_cleared():
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete(BEAT_HEARTBEAT_KEY)
    yield client
    client.delete(BEAT_HEARTBEAT_KEY)


def test_without_a_worker_and_beat_the_background_health_check_fails(client, heartbeat_cleared):
    response = client.get("/healthz/workers")
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "worker": "down", "beat": "stale"}
    heartbeat_cleared.set(BEAT_HEARTBEAT_KEY, str(time.time() - settings.BEAT_HEARTBEAT_MAX_AGE - 5))
    assert client.get("/healthz/workers").json()["beat"] == "stale"


@pytest.mark.worker
def test_a_real_worker_and_beat_make_the_background_health_check_pass(client, heartbeat_cleared, tmp_path):
    env = _process_env()
    app.control.purge()
    celery = [sys.executable, "-m", "celery", "-A", "hlr_portal"]
    processes = [
        subprocess.Popen([*celery, "worker", "--pool=solo", "--concurrency=1", "--without-gossip",
                          "--without-mingle", "--loglevel=WARNING"],
                         cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([*celery, "beat", "--loglevel=WARNING", "--pidfile", str(tmp_path / "beat.pid")],
                         cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            response = client.get("/healthz/workers")
            if response.status_code == 200:
                break
            time.sleep(1)
        assert response.json() == {"status": "ok", "worker": "ok", "beat": "ok"}
        for service in ("worker", "beat"):
            result = subprocess.run(_compose_healthcheck(service), cwd=settings.BASE_DIR, env=env,
                                    capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, (service, result.stderr)
    finally:
        for process in processes:
            _stop(process)


def test_gunicorn_replaces_each_recycled_worker_and_answers_every_request():
    port = str(_free_port())
    gunicorn = _start_gunicorn(_process_env(PORT=port, GUNICORN_WORKERS="1", GUNICORN_MAX_REQUESTS="2",
                                            GUNICORN_MAX_REQUESTS_JITTER="0"))
    try:
        for _ in range(8):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz/live", headers={"Host": HOST})
            with urllib.request.urlopen(request, timeout=20) as answer:  # noqa: S310 — a local server
                assert answer.status == 200
    finally:
        _stop(gunicorn)
    log = gunicorn.stdout.read().decode()
    assert log.count("Booting worker") >= 4, log  # the first worker and at least three that replaced one
    assert "exited with code" not in log, log  # the master's complaint about a worker that left with an error
